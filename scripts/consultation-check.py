#!/usr/bin/env python3
"""Holds a real video consultation on a running ./run.sh, as a newcomer would, and checks that media flows.

Two headless Chromium (Debian's chromium and chromium-driver, with a fake camera and microphone) open the consultation
page: one logs in as the demo doctor, picks the demo patient's appointment from the list and enters the room; the
other logs in as that patient on the same appointment, records consent and enters. The check passes when both peer
connections reach "connected", the page says "conectado", and the video bytes each side receives keep growing. Both
then leave the room (nobody ends the consultation, so the check can be repeated until the room closes).

    scripts/consultation-check.py                       # against plain ./run.sh (page on http://localhost:8081)
    scripts/consultation-check.py --base http://localhost:8080   # behind ./run.sh --replicas N

Only the Python standard library: it speaks the W3C WebDriver protocol to chromedriver itself.
"""
import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
INBOUND_VIDEO_BYTES = """
const done = arguments[arguments.length - 1];
const pc = window.healthmedRoom && window.healthmedRoom.peerConnection();
if (!pc) { done(-1); return; }
pc.getStats().then(stats => {
  let bytes = 0;
  stats.forEach(r => { if (r.type === 'inbound-rtp' && r.kind === 'video') { bytes += r.bytesReceived; } });
  done(bytes);
}).catch(() => done(-2));"""
PAGE_STATE = ("const pc = window.healthmedRoom && window.healthmedRoom.peerConnection();"
              " return {shown: [...document.querySelectorAll('section')].filter(s => !s.hidden).map(s => s.id),"
              " message: document.getElementById('message').textContent,"
              " state: document.getElementById('state').textContent,"
              " connection: pc ? pc.connectionState : null, ice: pc ? pc.iceConnectionState : null,"
              " signalling: pc ? pc.signalingState : null};")
CONNECTION_STATE = ("const pc = window.healthmedRoom && window.healthmedRoom.peerConnection();"
                    " return pc ? pc.connectionState : null;")


class CheckFailed(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def call(url, method="GET", body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return json.loads(response.read() or b"{}").get("value")
    except urllib.error.HTTPError as e:
        raise CheckFailed(f"{method} {url}: {e.code} {e.read().decode(errors='replace')[:500]}") from None


def wait_until(what, condition, timeout):
    give_up = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > give_up:
            raise CheckFailed(f"waited {timeout}s for: {what}")
        time.sleep(0.25)


class Browser:
    """One chromedriver and its Chromium session."""

    def __init__(self, name, chromium, chromedriver):
        self.name = name
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix=f"consultation-check-{name}-")
        self.driver = subprocess.Popen([chromedriver, f"--port={self.port}"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        self.base = f"http://127.0.0.1:{self.port}"
        wait_until(f"chromedriver for the {name}", self._driver_ready, 20)
        args = ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--autoplay-policy=no-user-gesture-required", "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--allow-loopback-in-peer-connection", "--window-size=1280,900", f"--user-data-dir={self.profile}"]
        session = call(self.base + "/session", "POST", {"capabilities": {"alwaysMatch": {
            "browserName": "chrome", "goog:chromeOptions": {"binary": chromium, "args": args}}}})
        self.session = f"{self.base}/session/{session['sessionId']}"
        call(self.session + "/timeouts", "POST", {"script": 10000})

    def _driver_ready(self):
        try:
            return call(self.base + "/status").get("ready")
        except (OSError, CheckFailed):
            return False

    def open(self, url):
        call(self.session + "/url", "POST", {"url": url})

    def find(self, css):
        found = call(self.session + "/elements", "POST", {"using": "css selector", "value": css})
        return found[0][ELEMENT] if found else None

    def visible(self, css, timeout=30):
        def shown():
            element = self.find(css)
            return element if element and call(f"{self.session}/element/{element}/displayed") else None
        return wait_until(f"{css} shown to the {self.name}", shown, timeout)

    def click(self, css):
        call(f"{self.session}/element/{self.visible(css)}/click", "POST", {})

    def type(self, css, text):
        call(f"{self.session}/element/{self.visible(css)}/value", "POST", {"text": text})

    def text(self, css):
        return call(f"{self.session}/element/{self.visible(css)}/text")

    def script(self, script, *args):
        return call(self.session + "/execute/sync", "POST", {"script": script, "args": list(args)})

    def inbound_video_bytes(self):
        return call(self.session + "/execute/async", "POST", {"script": INBOUND_VIDEO_BYTES, "args": []})

    def close(self):
        try:
            call(self.session, "DELETE")
        except (OSError, CheckFailed, AttributeError):
            pass
        self.driver.terminate()
        try:
            self.driver.wait(10)
        except subprocess.TimeoutExpired:
            self.driver.kill()
        shutil.rmtree(self.profile, ignore_errors=True)


def check(args, chromium, chromedriver):
    page = args.base.rstrip("/") + "/consulta/"
    browsers = []
    try:
        doctor = Browser("doctor", chromium, chromedriver)
        browsers.append(doctor)
        doctor.open(page)
        doctor.click("input[name=kind][value=doctor]")
        doctor.type("#doctor-crm", args.doctor_crm)
        doctor.type("#doctor-uf", args.doctor_uf)
        doctor.type("#doctor-password", args.doctor_password)
        doctor.click("#doctor-submit")
        doctor.visible("#list-section")
        # The list shows each upcoming accepted appointment with its patient's name and an "Abrir" button.
        index = wait_until(f"an appointment with {args.patient_name} in the doctor's list", lambda: doctor.script(
            "const items = [...document.querySelectorAll('#appointments li')];"
            " const i = items.findIndex(li => li.textContent.includes(arguments[0])); return i >= 0 ? i + 1 : 0;",
            args.patient_name), 30)
        doctor.click(f"#appointments li:nth-child({index}) button")
        appointment = doctor.text("#join-id").strip()
        print(f"appointment {appointment} (picked from the doctor's list: {args.patient_name})")
        doctor.click("#join")

        patient = Browser("patient", chromium, chromedriver)
        browsers.append(patient)
        patient.open(f"{page}?consulta={appointment}")
        patient.type("#patient-login", args.patient_login)
        patient.type("#patient-password", args.patient_password)
        patient.click("#patient-submit")
        patient.click("#consent-check")
        patient.click("#consent-button")
        patient.click("#join")

        for side in browsers:
            wait_until(f"the {side.name}'s peer connection is connected",
                       lambda: side.script(CONNECTION_STATE) == "connected", 60)
            state = side.text("#state")
            if state != "conectado":
                raise CheckFailed(f"the {side.name}'s page shows the state {state!r}, not 'conectado'")
            print(f"{side.name}: peer connection connected, page shows {state!r}")
        for side in browsers:
            before = side.inbound_video_bytes()
            if before <= 0:
                raise CheckFailed(f"the {side.name} has received no video yet ({before})")
            after = wait_until(f"more video bytes reach the {side.name}",
                               lambda: (lambda now: now if now > before else 0)(side.inbound_video_bytes()), 20)
            print(f"{side.name}: inbound video bytes {before} -> {after}")
        for side in browsers:
            side.click("#leave")
        print("both left the room; consultation check passed")
    except CheckFailed:
        for side in browsers:
            print(f"{side.name}: {side.script(PAGE_STATE)}", file=sys.stderr)
        raise
    finally:
        for side in browsers:
            side.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default=os.environ.get("HEALTHMED_PAGE_BASE",
                                                         f"http://localhost:{os.environ.get('HEALTHMED_COMMAND_PORT', '8081')}"),
                        help="where the page is served: the command side, or the gateway with --replicas")
    parser.add_argument("--doctor-crm", default="123456")
    parser.add_argument("--doctor-uf", default="SP")
    parser.add_argument("--doctor-password", default="demo-doctor-2026")
    parser.add_argument("--patient-login", default="maria.silva@demo.healthmed.local")
    parser.add_argument("--patient-name", default="Maria Eduarda Silva")
    parser.add_argument("--patient-password", default="demo-patient-2026")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    chromedriver = shutil.which("chromedriver")
    if not chromium or not chromedriver:
        sys.exit("needs Chromium and its driver: sudo apt-get install chromium chromium-driver")
    try:
        check(args, chromium, chromedriver)
    except CheckFailed as e:
        sys.exit(f"consultation check FAILED: {e}")


if __name__ == "__main__":
    main()
