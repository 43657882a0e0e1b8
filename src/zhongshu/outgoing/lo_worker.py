"""A LibreOffice converter that stays up: run by the system Python (which has the UNO
bridge, Debian package python3-uno), it starts one headless soffice, then converts each
``[source.docx, target.pdf]`` line read on stdin and answers ``ok`` or ``error ...``.
``printing.py`` keeps one per process; a conversion then costs a few hundred
milliseconds instead of LibreOffice's start-up.

Not imported by Django: ``/usr/bin/python3 lo_worker.py SOFFICE PROFILE_DIR PIPE``.
"""

import contextlib
import json
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def main() -> None:
    soffice, profile, pipe = sys.argv[1:4]
    office = subprocess.Popen(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    context = None
    for _ in range(300):
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except Exception:
            time.sleep(0.1)
    if context is None:
        print("error soffice did not start", flush=True)
        office.kill()
        return
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            source, target = json.loads(line)
            try:
                document = desktop.loadComponentFromURL(
                    uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),)
                )
                document.storeToURL(
                    uno.systemPathToFileUrl(target), (prop("FilterName", "writer_pdf_Export"),)
                )
                document.close(True)
                print("ok", flush=True)
            except Exception as exc:
                print("error " + str(exc).replace("\n", " "), flush=True)
    finally:
        with contextlib.suppress(Exception):
            desktop.terminate()
        office.terminate()


if __name__ == "__main__":
    main()
