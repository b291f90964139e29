/* gen_text.c — the rows of the sample generator (see gen_int.h): a record's
 * state at a time, and its text in the three KESCO layouts with the dirt of
 * EXPORTS.md. All spelling choices come from the record's own seed, drawn in
 * a fixed order, so every row of a record spells things the same way. */
#include <stdio.h>
#include <string.h>

#include "gen_int.h"
#include "nivaran/core/nvtime.h"

const char *const g_src_name[GS_N] = {"1912", "JHATPAT", "NIVESH_MITRA"};
const char *const g_file_prefix[GS_N] = {"kesco_1912_complaints_", "jhatpat_applications_",
                                         "niveshmitra_applications_"};
const char *const g_header[GS_N] = {
    "COMPLAINT_NO,ENTRYDATE,SRC,COM_TYPE_NAME,COM_SUB_TYPE_NAME,CONSUMER_NAME,ADDRESS,"
    "MOBILENO,CUSTOMERACNTNO,DIVISION,SUBDIVISION,SUBSTATION,JE_NAME,AE_NAME,XEN_NAME,"
    "COMPLAINT_STATUS,CLOSINGDATE,CLOSEDBY,CLOSINGREMARKS,REOPEN_COUNT,FEEDBACK,OTP_VERIFIED,"
    "LAST_UPDATED",
    "APPLICATION_ID,APPLIED_ON,SERVICE,APPLICANT_NAME,MOBILE,ACCOUNT_NO,LOAD_KW,SUPPLY_TYPE,"
    "SUBDIVISION,ASSIGNED_OFFICER,XEN,STATUS,STATUS_DATE,COMPLETED_ON,REJECT_REASON,"
    "RETURN_COUNT",
    "NM Application No,Unit Name,Contact No,Account No,Applied Date,Service Name,Load (kVA),"
    "District,Sub Division,Department Officer,Status,Approval/Rejection Date,Days Taken,"
    "Query Count"};

static const char *const com_type[GC_N][2] = {{"SUPPLY RELATED", ""},
                                              {"SUPPLY RELATED", ""},
                                              {"TRANSFORMER RELATED", ""},
                                              {"SUPPLY RELATED", ""},
                                              {"SAFETY RELATED", ""},
                                              {"BILL RELATED", ""},
                                              {"BILL RELATED", ""},
                                              {"CONNECTION RELATED", ""},
                                              {"METER RELATED", ""},
                                              {"METER RELATED", ""},
                                              {"CONNECTION RELATED", ""},
                                              {"", ""},
                                              {"", ""},
                                              {"", ""},
                                              {"", ""},
                                              {"STREET LIGHT", ""}};
static const char *const com_sub[GC_N][2] = {
    {"NO SUPPLY", "FUSE OFF"},
    {"LINE BREAKDOWN", "WIRE SNAPPED"},
    {"TRANSFORMER DAMAGED", "TRANSFORMER DAMAGED"},
    {"VOLTAGE FLUCTUATION", "LOW VOLTAGE"},
    {"SPARKING", "POLE LEANING"},
    {"WRONG BILL", "BILL NOT RECEIVED"},
    {"PAYMENT NOT UPDATED", "PAYMENT NOT UPDATED"},
    {"PD", "RECONNECTION"},
    {"METER FAULTY", "METER BURNT"},
    {"SMART METER", "SMART METER"},
    {"NEW CONNECTION", "NEW CONNECTION"},
    {"", ""},
    {"", ""},
    {"", ""},
    {"", ""},
    {"STREET LIGHT NOT WORKING", "STREET LIGHT NOT WORKING"}};

static const char *const first_names[] = {"Ram",    "Shyam",  "Sunita", "Rajesh", "Anita",
                                          "Mohd.",  "Suresh", "Geeta",  "Vikas",  "Pooja",
                                          "Arvind", "Kamla",  "Imran",  "Neha",   "Dinesh",
                                          "Rekha",  "Sanjay", "Farida", "Manoj",  "Savitri"};
static const char *const last_names[] = {"Gupta",  "Yadav",    "Verma",      "Shukla",   "Khan",
                                         "Tiwari", "Mishra",   "Srivastava", "Kushwaha", "Pal",
                                         "Ansari", "Tripathi", "Dixit",      "Nigam",    "Sonkar"};
static const char *const hindi_names[] = {"रमेश कुमार",  "सुनीता देवी", "मोहम्मद सलीम",
                                          "अनिल शुक्ला", "कमला यादव", "राजेन्द्र प्रसाद"};
static const char *const mohalla[] = {"Block C",       "Sector 2",      "Lal Bangla", "Naya Ganj",
                                      "Purana Kanpur", "Shivaji Nagar", "Juhi Kalan", "Gwaltoli",
                                      "Colonelganj",   "Tilak Nagar"};
static const char *const landmarks[] = {"Hanuman Mandir", "Shiv Mandir",  "Bada Chauraha",
                                        "Jama Masjid",    "Gol Chauraha", "Moti Jheel"};
static const char *const remarks[GW_NONE + 1][4] = {
    {"लाइन ठीक कर दी गई", "फ्यूज़ बदल दिया गया, सप्लाई चालू", "Supply restored",
     "Jumper replaced, supply OK"},
    {"बिल संशोधित किया गया", "Bill revised as per reading", "Payment updated in system",
     "उपभोक्ता को बिल भेज दिया गया"},
    {"मीटर बदला गया", "Meter replaced, seal no. recorded", "Meter tested OK",
     "स्मार्ट मीटर रीसेट किया गया"},
    {"कनेक्शन दे दिया गया", "Connection released", "Estimate issued to consumer",
     "Site inspected, work done"},
    {"Attended", "कार्य पूर्ण", "Done", "Attended, OK"}};
static const char *const reject_remarks[] = {"Duplicate complaint", "डुप्लीकेट शिकायत",
                                             "Complaint not related to KESCO",
                                             "Wrong details, consumer not reachable"};
static const char *const jp_reject[] = {"Documents incomplete", "दस्तावेज़ अधूरे",
                                        "Premises not ready, wiring test failed",
                                        "Dues pending on premises"};
static const char *const units[] = {"Shree Balaji Polymers Pvt. Ltd.",
                                    "Agarwal Industries, Unit-2",
                                    "Kanpur Leather Works",
                                    "Ganga Textiles LLP",
                                    "Om \"Sai\" Foods",
                                    "Rama Steel Rolling Mills",
                                    "Bharat Plastics, Panki Site-1"};
static const char *const roles[GW_NONE + 1] = {"JE", "AC", "MT", "PR", "JE"};

/* ---- times ---- */

static void fmt_dmy12(int64_t t, char *b)
{
    int y, m, d;
    int64_t day = t / 86400, s = t % 86400;
    nvt_civil_from_days(day, &y, &m, &d);
    int h = (int)(s / 3600), mi = (int)(s / 60 % 60), se = (int)(s % 60);
    sprintf(b, "%02d/%02d/%04d %02d:%02d:%02d %s", d, m, y, h % 12 == 0 ? 12 : h % 12, mi, se,
            h < 12 ? "AM" : "PM");
}

static void fmt_iso(int64_t t, char *b)
{
    int y, m, d;
    int64_t s = t % 86400;
    nvt_civil_from_days(t / 86400, &y, &m, &d);
    sprintf(b, "%04d-%02d-%02dT%02d:%02d:%02d+05:30", y, m, d, (int)(s / 3600), (int)(s / 60 % 60),
            (int)(s % 60));
}

static void fmt_dmony(int64_t t, char *b)
{
    static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    int y, m, d;
    int64_t s = t % 86400;
    nvt_civil_from_days(t / 86400, &y, &m, &d);
    sprintf(b, "%02d-%s-%04d %02d:%02d", d, mon[m - 1], y, (int)(s / 3600), (int)(s / 60 % 60));
}

void gen_record_id(const gen_rec *r, char *buf, size_t n)
{
    int y, m, d;
    nvt_civil_from_days(r->reg / 86400, &y, &m, &d);
    if (r->src == GS_1912)
        snprintf(buf, n, "KE%02d%02d%02d%06u", d, m, y % 100, r->seq);
    else if (r->src == GS_JP)
        snprintf(buf, n, "JP%04d%07u", y, r->seq);
    else
        snprintf(buf, n, "NM/%04d/%06u", y, r->seq);
}

/* ---- state ---- */

int gen_last_event(const gen_rec *r, int64_t T)
{
    int last = -1;
    for (int i = 0; i < r->nev; i++)
        if (r->t[i] <= T) last = i;
    return last;
}

typedef struct {
    int64_t lu, close_t;
    int kind;      /* status-deciding event kind */
    int has_close; /* a closing/rejection time is shown */
    int reopen, fb, ret, query;
} gstate;

static void state_at(const gen_rec *r, int64_t T, gstate *s)
{
    memset(s, 0, sizeof *s);
    s->kind = -1;
    for (int i = 0; i < r->nev && r->t[i] <= T; i++) {
        int k = r->k[i];
        s->lu = r->t[i];
        switch (k) {
        case EV_FEEDBACK:
            s->fb = 1;
            break;
        case EV_REOPENED:
            s->reopen++;
            s->kind = k;
            break;
        case EV_JP_DOCS:
            s->ret++;
            s->kind = k;
            break;
        case EV_NM_QUERY:
            s->query++;
            s->kind = k;
            break;
        case EV_CLOSED:
        case EV_REJECTED:
        case EV_JP_DONE:
        case EV_JP_REJECTED:
        case EV_NM_APPROVED:
        case EV_NM_REJECTED:
            s->has_close = 1;
            s->close_t = (k == EV_CLOSED && r->shown_close) ? r->shown_close : r->t[i];
            s->kind = k;
            break;
        default:
            s->kind = k;
        }
    }
}

/* ---- CSV ---- */

static void field(FILE *f, const char *s)
{
    if (strpbrk(s, ",\"\r\n")) {
        fputc('"', f);
        for (; *s; s++) {
            if (*s == '"') fputc('"', f);
            fputc(*s, f);
        }
        fputc('"', f);
    } else {
        fputs(s, f);
    }
}

static void fields(FILE *f, const char *const *v, int n, int crlf)
{
    for (int i = 0; i < n; i++) {
        field(f, v[i]);
        if (i + 1 < n) fputc(',', f);
    }
    fputs(crlf ? "\r\n" : "\n", f);
}

/* ---- spelling ---- */

typedef struct {
    char name[64], addr[200], mobile[64], sub[48], xen[40], login[40], remark[200];
    char je[48], ae[48], station[48];
    int chan, status_sp;
} gtext;

static void spell_mobile(uint64_t m, unsigned style, int allow_empty, char *b)
{
    if (!m || (allow_empty && style % 50 == 0)) {
        b[0] = 0;
        return;
    }
    switch (style % 7) {
    case 0:
    case 1:
    case 2:
        sprintf(b, "%010llu", (unsigned long long)m);
        break;
    case 3:
        sprintf(b, "00%010llu", (unsigned long long)m);
        break;
    case 4:
        sprintf(b, "+91%010llu", (unsigned long long)m);
        break;
    case 5:
        sprintf(b, "+91 %05llu %05llu", (unsigned long long)(m / 100000),
                (unsigned long long)(m % 100000));
        break;
    default:
        sprintf(b, "%010llu", (unsigned long long)m);
    }
}

static void spell_sub(int sub, unsigned x, char *b)
{
    const char *n = g_sub_name[sub];
    unsigned v = x % 40;
    if (v == 0) { /* upper case */
        size_t i = 0;
        for (; n[i]; i++)
            b[i] = (n[i] >= 'a' && n[i] <= 'z') ? n[i] - 32 : n[i];
        b[i] = 0;
    } else if (v == 1) { /* lower case */
        size_t i = 0;
        for (; n[i]; i++)
            b[i] = (n[i] >= 'A' && n[i] <= 'Z') ? n[i] + 32 : n[i];
        b[i] = 0;
    } else if (v == 2) { /* surrounding and doubled inner spaces */
        size_t j = 0;
        b[j++] = ' ';
        for (size_t i = 0; n[i]; i++) {
            b[j++] = n[i];
            if (n[i] == ' ') b[j++] = ' ';
        }
        b[j++] = ' ';
        b[j] = 0;
    } else {
        strcpy(b, n);
    }
}

static void spell_xen(int xen, unsigned x, char *b)
{
    const char *id = g_xen_id[xen];
    if (xen == G_UNASSIGNED) {
        strcpy(b, "XEN RURAL");
        return;
    }
    switch (x % 10) {
    case 0:
        sprintf(b, "SHRI %s", id);
        break;
    case 1:
        sprintf(b, " Er. %s ", id);
        break;
    case 2:
        sprintf(b, "%s (XEN", id);
        break;
    case 3:
        sprintf(b, "Er.%s", id);
        break;
    default:
        strcpy(b, id);
    }
}

static void spell_login(const gen_rec *r, unsigned x, char *b)
{
    char base[32];
    int wing = r->cat < GC_N ? g_cat_wing[r->cat] : GW_NONE;
    if (r->flags & GF_DESK)
        strcpy(base, "XEN_C05_DESK");
    else
        sprintf(base, "%s_%s%d", roles[wing], g_sub_code[r->sub],
                r->login ? r->login : 1 + (int)(x % 2));
    unsigned v = (x >> 3) % 20;
    if (v == 0) {
        for (char *p = base; *p; p++)
            if (*p >= 'A' && *p <= 'Z') *p += 32;
        strcpy(b, base);
    } else if (v == 1) {
        sprintf(b, " %s", base);
    } else if (v == 2) {
        sprintf(b, "%s  ", base);
    } else {
        strcpy(b, base);
    }
}

static void make_text(const gen_rec *r, gtext *g)
{
    gen_rng tr;
    grng_seed(&tr, r->tseed);
    unsigned x[16];
    for (int i = 0; i < 16; i++)
        x[i] = (unsigned)(grng_next(&tr) >> 33);
    if (x[0] % 12 == 0)
        strcpy(g->name, hindi_names[x[1] % 6]);
    else
        sprintf(g->name, "%s %s", first_names[x[1] % 20], last_names[x[2] % 15]);
    if (x[3] % 16 == 0)
        sprintf(g->addr, "Near \"%s\", %u/%u %s, %s", landmarks[x[4] % 6], 1 + x[5] % 300,
                1 + x[6] % 90, mohalla[x[7] % 10], g_sub_name[r->sub]);
    else
        sprintf(g->addr, "H.No. %u/%u, %s, %s, Kanpur", 1 + x[5] % 300, 1 + x[6] % 90,
                mohalla[x[7] % 10], g_sub_name[r->sub]);
    spell_mobile(r->mobile, x[8], !r->tout, g->mobile);
    spell_sub(r->sub, x[9], g->sub);
    spell_xen(r->xen, x[10], g->xen);
    spell_login(r, x[11], g->login);
    int wing = g_cat_wing[r->cat];
    const char *rem = remarks[wing][x[12] % 4];
    switch (x[13] % 33) {
    case 0:
        sprintf(g->remark, "%s.\nConsumer informed", rem);
        break;
    case 1:
        sprintf(g->remark, "Consumer says \"%s\"", rem);
        break;
    default:
        strcpy(g->remark, rem);
    }
    sprintf(g->je, "JE %s", last_names[x[14] % 15]);
    sprintf(g->ae, "AE %s", last_names[(x[14] / 15) % 15]);
    sprintf(g->station, "33/11 KV %s-%u", g_sub_name[r->sub], 1 + x[15] % 3);
    g->chan = (int)(x[2] / 15 % 20);
    g->status_sp = (int)(x[4] / 6 % 10);
}

/* ---- rows ---- */

static const char *st1912(int kind, int sp)
{
    switch (kind) {
    case EV_ASSIGNED:
        return "ASSIGNED";
    case EV_INPROG:
        return "IN PROGRESS";
    case EV_REOPENED:
        return "RE-OPENED";
    case EV_CLOSED:
        return sp == 0 ? "CLOSE" : sp == 1 ? "Closed" : "CLOSED";
    case EV_REJECTED:
        return "REJECTED";
    default:
        return "OPEN";
    }
}

static void row_1912(FILE *f, const gen_rec *r, const gstate *s, const gtext *g, int crlf)
{
    char id[24], ent[32], cl[32], lu[32], acct[32], div[24], reo[16];
    gen_record_id(r, id, sizeof id);
    fmt_dmy12(r->reg, ent);
    fmt_dmy12(s->lu, lu);
    cl[0] = 0;
    if (s->has_close) fmt_dmy12(s->close_t, cl);
    acct[0] = 0;
    if (r->account) sprintf(acct, "%010llu", (unsigned long long)r->account);
    if (r->sub < G_NSUB)
        sprintf(div, "EDD-%d Kanpur", r->sub / 2 + 1);
    else
        strcpy(div, "Rural");
    sprintf(reo, "%d", s->reopen);
    static const char *const chans[] = {
        "1912",     "1912",     "1912",     "1912",      "1912",      "1912",     "1912",
        "1912",     "1912",     "1912",     "1912",      "1912 Web",  "1912 Web", "1912 Web",
        "WhatsApp", "WhatsApp", "WhatsApp", "UPPCL App", "UPPCL App", "UPPCL App"};
    int closed_shown = s->has_close;
    const char *otp = "";
    if (closed_shown && s->kind != EV_REJECTED) otp = (r->flags & GF_OTP_N) ? "N" : "Y";
    const char *v[23] = {id,
                         ent,
                         chans[g->chan],
                         com_type[r->cat][0],
                         com_sub[r->cat][r->subtype & 1],
                         g->name,
                         g->addr,
                         g->mobile,
                         acct,
                         div,
                         g->sub,
                         g->station,
                         g->je,
                         g->ae,
                         g->xen,
                         st1912(s->kind, g->status_sp),
                         cl,
                         closed_shown ? g->login : "",
                         closed_shown ? (r->final == 2 && s->kind == EV_REJECTED
                                             ? reject_remarks[(unsigned)r->tseed % 4]
                                             : g->remark)
                                      : "",
                         reo,
                         s->fb ? ((r->flags & GF_NOTSAT) ? "NOT SATISFIED" : "SATISFIED") : "",
                         otp,
                         lu};
    fields(f, v, 23, crlf);
}

static void row_jp(FILE *f, const gen_rec *r, const gstate *s, const gtext *g, int crlf)
{
    static const char *const svc[] = {"NEW CONNECTION", "LOAD CHANGE", "NAME CHANGE",
                                      "CATEGORY CHANGE"};
    static const char *const supply[] = {"LMV-1 Domestic", "LMV-2 Commercial", "LMV-6 Small Power",
                                         "LMV-1 Domestic"};
    char id[24], ap[32], sd[32], done[32], acct[32], kw[32], ret[16];
    gen_record_id(r, id, sizeof id);
    fmt_iso(r->reg, ap);
    fmt_iso(s->lu, sd);
    done[0] = 0;
    if (s->kind == EV_JP_DONE) fmt_iso(s->close_t, done);
    acct[0] = 0;
    if (r->account) sprintf(acct, "%010llu", (unsigned long long)r->account);
    unsigned h = (unsigned)(r->tseed >> 40);
    int si = r->cat == GC_NEWCONN ? 0 : r->cat == GC_LOADCH ? 1 : r->cat == GC_NAMECH ? 2 : 3;
    if (h % 3 == 0)
        sprintf(kw, "%u", 1 + h % 10);
    else
        sprintf(kw, "%u.5", 1 + h % 10);
    sprintf(ret, "%d", s->ret);
    const char *st = "SUBMITTED";
    switch (s->kind) {
    case EV_JP_DOCS:
        st = "DOCUMENTS PENDING";
        break;
    case EV_JP_ESTIMATE:
        st = "ESTIMATE ISSUED";
        break;
    case EV_JP_PAID:
        st = "PAID";
        break;
    case EV_JP_DONE:
        st = r->cat == GC_NEWCONN ? "CONNECTED" : "COMPLETED";
        break;
    case EV_JP_REJECTED:
        st = "REJECTED";
        break;
    }
    const char *v[16] = {id,
                         ap,
                         svc[si],
                         g->name,
                         g->mobile,
                         acct,
                         kw,
                         supply[(h >> 4) % 4],
                         g->sub,
                         s->has_close ? g->login : "",
                         g->xen,
                         st,
                         sd,
                         done,
                         s->kind == EV_JP_REJECTED ? jp_reject[(h >> 8) % 4] : "",
                         ret};
    fields(f, v, 16, crlf);
}

static void row_nm(FILE *f, const gen_rec *r, const gstate *s, const gtext *g, int crlf)
{
    char id[24], ap[32], dd[32], acct[32], kva[32], days[32], q[16], off[96];
    gen_record_id(r, id, sizeof id);
    fmt_dmony(r->reg, ap);
    dd[0] = days[0] = 0;
    if (s->has_close) {
        fmt_dmony(s->close_t, dd);
        sprintf(days, "%lld", (long long)((s->close_t - r->reg) / 86400));
    }
    acct[0] = 0;
    if (r->account) sprintf(acct, "%010llu", (unsigned long long)r->account);
    unsigned h = (unsigned)(r->tseed >> 40);
    sprintf(kva, "%u", 25 + (h % 40) * 25);
    sprintf(q, "%d", s->query);
    sprintf(off, "EE (Distribution) %s", g->xen);
    const char *st = "Pending";
    switch (s->kind) {
    case EV_NM_UNDER:
        st = "Under Process";
        break;
    case EV_NM_QUERY:
        st = "Query Raised";
        break;
    case EV_NM_APPROVED:
        st = "Approved";
        break;
    case EV_NM_REJECTED:
        st = "Rejected";
        break;
    }
    const char *v[14] = {
        id,
        units[(h >> 6) % 7],
        g->mobile,
        acct,
        ap,
        r->cat == GC_INDUS ? "Electricity Connection (HT/LT Industrial)" : "Load Enhancement",
        kva,
        "Kanpur Nagar",
        g->sub,
        off,
        st,
        dd,
        days,
        q};
    fields(f, v, 14, crlf);
}

void gen_write_row(FILE *f, const gen_rec *r, int64_t T, int crlf)
{
    gstate s;
    gtext g;
    state_at(r, T, &s);
    make_text(r, &g);
    if (r->src == GS_1912)
        row_1912(f, r, &s, &g, crlf);
    else if (r->src == GS_JP)
        row_jp(f, r, &s, &g, crlf);
    else
        row_nm(f, r, &s, &g, crlf);
}
