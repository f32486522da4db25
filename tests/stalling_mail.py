"""An e-mail backend for the fault tests: the first message stalls in the middle of sending.

The first send in the folder EMAIL_FILE_PATH writes the id of its process to
`<EMAIL_FILE_PATH>.stalled` and then waits long enough to be killed; every later send writes
its message to the folder at once, as Django's file backend does (one file per message).
"""

import os
import time
from pathlib import Path

from django.conf import settings
from django.core.mail.backends import filebased

STALL_SECONDS = 60


class EmailBackend(filebased.EmailBackend):
    def send_messages(self, email_messages):
        marker = Path(f"{settings.EMAIL_FILE_PATH}.stalled")
        try:
            with marker.open("x") as stalled:
                stalled.write(str(os.getpid()))
        except FileExistsError:
            pass
        else:
            time.sleep(STALL_SECONDS)
        return super().send_messages(email_messages)
