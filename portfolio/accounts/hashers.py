"""Password hashing: Argon2id with the parameters OWASP's password storage guidance gives
(19 MiB of memory, 2 iterations, 1 lane).

Memory-hard hashing resists guessing on graphics cards better than PBKDF2 does, at a tenth of
the processor time of Django's PBKDF2 default (about 25 ms against 250 ms a login here), so a
morning when every ministry logs in at once does not queue on password checks.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class Argon2idHasher(Argon2PasswordHasher):
    algorithm = "argon2"  # the stored hashes carry their parameters; Django's own verifies them
    time_cost = 2
    memory_cost = 19 * 1024  # KiB
    parallelism = 1
