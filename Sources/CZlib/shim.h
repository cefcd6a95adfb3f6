// The system zlib (Debian/Ubuntu: zlib1g-dev; macOS: in the SDK), for the compressed
// extraction JSON of SQLite stores (`DossierStore/ExtractionJSONCompression.swift`).
#include <zlib.h>
