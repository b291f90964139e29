-- Notes on which list day a NOT REACHABLE answer was listed again.
UPDATE callback_outcome SET carried_to = :day WHERE callback_key = :key
