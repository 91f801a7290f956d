"""python-can on the other end of bms-bench's CAN buses (SlcanPythonIT): an independent implementation.

  slcan-host PORT      open PORT as python-can's slcan interface at 500 kbit/s, send two frames, print the first
                       frame received as "RX ID#DATA", shut the bus down
  read-log FILE        read a candump -L log with can.CanutilsLogReader, print each frame as "ID#DATA"
  write-log FILE       write three frames with can.CanutilsLogWriter
"""
import sys

import can


def text(msg):
    ident = ("%08X" if msg.is_extended_id else "%03X") % msg.arbitration_id
    if msg.is_remote_frame:
        return "%s#R%d" % (ident, msg.dlc)
    return ident + "#" + bytes(msg.data).hex().upper()


def slcan_host(port):
    bus = can.Bus(interface="slcan", channel=port, bitrate=500000, sleep_after_open=0.2)
    try:
        bus.send(can.Message(arbitration_id=0x123, data=bytes.fromhex("DEADBEEF"), is_extended_id=False))
        bus.send(can.Message(arbitration_id=0x18FF50E5, data=bytes.fromhex("0102030405060708"),
                             is_extended_id=True))
        print("SENT", flush=True)
        msg = bus.recv(timeout=60)
        print("RX " + (text(msg) if msg is not None else "nothing"), flush=True)
    finally:
        bus.shutdown()


def read_log(path):
    for msg in can.CanutilsLogReader(path):
        print(text(msg))


def write_log(path):
    writer = can.CanutilsLogWriter(path, channel="vcan0")
    writer.on_message_received(can.Message(timestamp=1700000000.25, arbitration_id=0x321,
                                           data=bytes.fromhex("CAFE"), is_extended_id=False))
    writer.on_message_received(can.Message(timestamp=1700000000.5, arbitration_id=0x1ABCDEF0,
                                           data=bytes.fromhex("00112233"), is_extended_id=True))
    writer.on_message_received(can.Message(timestamp=1700000001.0, arbitration_id=0x7FF, is_remote_frame=True,
                                           dlc=0, is_extended_id=False))
    writer.stop()


if __name__ == "__main__":
    {"slcan-host": slcan_host, "read-log": read_log, "write-log": write_log}[sys.argv[1]](sys.argv[2])
