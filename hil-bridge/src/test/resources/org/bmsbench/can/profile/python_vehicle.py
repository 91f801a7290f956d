"""A vehicle controller written with python-can, against bms-bench's CAN profile (bmsbench).

Usage: python_vehicle.py PORT SEND_S SILENT_S
Over python-can's slcan interface on PORT it sends VcuRequest (0x200, StateRequest = NORMAL) every 100 ms for
SEND_S seconds, then stays silent for SILENT_S seconds, listening all along. It prints one line per BMS message
id: the id, how many frames arrived while it sent, the median interval between them in ms, and BmsStatus's
BmsState (bits 0-3 of byte 0) at the end of each phase.
"""
import statistics
import sys
import time

import can

port, send_s, silent_s = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
bus = can.interface.Bus(interface="slcan", channel=port, bitrate=500000)
request = can.Message(arbitration_id=0x200, data=[1, 0, 0, 0, 0, 0, 0, 0], is_extended_id=False)
arrivals = {}
state = {"sending": None, "silent": None}
start = time.monotonic()
next_send = start
while True:
    now = time.monotonic()
    sending = now - start < send_s
    if now - start >= send_s + silent_s:
        break
    if sending and now >= next_send:
        bus.send(request)
        next_send += 0.1
    message = bus.recv(0.005)
    if message is None:
        continue
    if sending:
        arrivals.setdefault(message.arbitration_id, []).append(time.monotonic())
    if message.arbitration_id == 0x300:
        state["sending" if sending else "silent"] = message.data[0] & 0x0F
bus.shutdown()
for frame_id, times in sorted(arrivals.items()):
    gaps = [1000 * (b - a) for a, b in zip(times, times[1:])]
    print("id 0x%03X frames %d median_ms %.1f" % (frame_id, len(times), statistics.median(gaps) if gaps else -1))
print("state sending %s silent %s" % (state["sending"], state["silent"]))
