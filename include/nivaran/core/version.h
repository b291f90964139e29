/* version.h — the version of nivaran, printed by `nivaran --version` and
 * recorded in every manifest.json as "version". A constant of the source, so
 * that a night run twice gives byte-identical manifests. */
#ifndef NIVARAN_VERSION_H
#define NIVARAN_VERSION_H

#define NV_VERSION "0.11.0"

#endif
