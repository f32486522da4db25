"""Writers of the Noark 5 formats: the public journal and the archive extraction."""
