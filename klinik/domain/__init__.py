"""Domain rules of Klinik with no Qt and no database: identifiers, size class, money and dates,
letter numbers. Validators raise `klinik.errors.InvalidValue` with an Indonesian message."""
