package org.bmsbench.can;

/**
 * A CAN bus the bench sends on and receives from: an slcan adapter on a serial port, a SocketCAN interface, an
 * in-process virtual bus or a candump log. Neither call waits and neither allocates, so both can be made from the
 * firmware's tick. A bus that is down (an adapter unplugged) drops what is sent, counts it, and is reopened by
 * the bus itself, as the serial link is; {@link #counters()} says what went wrong.
 */
public interface CanBus extends AutoCloseable {
    /** Queues the frame for sending, or drops and counts it when the bus is down or its queue full. */
    void send(CanFrame frame);

    /** Copies the oldest frame received and not yet taken into {@code into}; false when there is none. */
    boolean receive(CanFrame into);

    /** Whether the bus is open and usable now. */
    boolean isUp();

    /** What the bus has sent, received, dropped and refused since it was opened. */
    CanBusCounters counters();

    /** The address it was opened with, such as {@code slcan:/dev/ttyACM0@500000}. */
    String address();

    @Override
    void close();
}
