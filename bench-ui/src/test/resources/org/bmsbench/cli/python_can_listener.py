"""A CAN tool written with python-can watching a simulated run (RunCommandCanIT): an independent implementation.

Usage: python_can_listener.py PORT DEADLINE_S
Opens PORT as python-can's slcan interface at 500 kbit/s and counts the frames of each id. bms-bench's adapter end
may open its port after python-can wrote its C, S6 and O (opening flushes the line), so a bus that stays silent
for 3 s is opened again. It stops 4 s after the last frame, or at DEADLINE_S, or when the port goes away, and
prints one line per id, "id 0x220 frames N", then "bms_state_normal yes|no": whether a foxBMS f_BmsState (0x220)
said NORMAL (BmsState, bits 0-3 of byte 0, is 7).
"""
import sys
import time

import can

port, deadline = sys.argv[1], time.monotonic() + float(sys.argv[2])
counts = {}
normal = False
last_frame = None
bus = None
try:
    while time.monotonic() < deadline:
        if bus is None:
            bus = can.Bus(interface="slcan", channel=port, bitrate=500000, sleep_after_open=0.2)
            opened = time.monotonic()
        message = bus.recv(0.1)
        now = time.monotonic()
        if message is None:
            if last_frame is not None and now - last_frame > 4:
                break
            if last_frame is None and now - opened > 3:
                bus.shutdown()
                bus = None
            continue
        last_frame = now
        counts[message.arbitration_id] = counts.get(message.arbitration_id, 0) + 1
        if message.arbitration_id == 0x220 and len(message.data) > 0 and message.data[0] & 0x0F == 7:
            normal = True
except Exception as e:  # the run ended and socat closed the pty: what was counted stands
    print("stopped: %s" % e)
finally:
    if bus is not None:
        try:
            bus.shutdown()
        except Exception:
            pass
for frame_id, n in sorted(counts.items()):
    print("id 0x%03X frames %d" % (frame_id, n))
print("bms_state_normal %s" % ("yes" if normal else "no"))
