package org.rescuemesh.agent.relay;

import com.google.protobuf.util.Timestamps;
import java.util.ArrayList;
import java.util.List;
import org.rescuemesh.proto.v1.MessageState;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.proto.v1.RelayReceipt;

/**
 * A message this node holds, with everything it learned about it. Immutable; the state is not
 * stored but derived from the receipts and the clock, so the journal only needs the message and
 * the receipts to rebuild it.
 */
public final class StoredMessage {

    private final RelayMessage message;
    private final Destination destination;
    private final boolean origin;
    private final boolean inbound;
    private final String receivedFrom;
    private final long receivedAtMs;
    private final long expiresAtMs;
    private final List<RelayReceipt> receipts;

    /**
     * @param origin       accepted here from the local API
     * @param inbound      this node is one of its recipients (listed by {@code direction=in})
     * @param receivedFrom the member that handed it over ("" at the origin)
     */
    public StoredMessage(RelayMessage message, boolean origin, boolean inbound, String receivedFrom,
                         long receivedAtMs, List<RelayReceipt> receipts) {
        this.message = message;
        this.destination = Destination.parse(message.getTo());
        this.origin = origin;
        this.inbound = inbound;
        this.receivedFrom = receivedFrom;
        this.receivedAtMs = receivedAtMs;
        this.expiresAtMs = Timestamps.toMillis(message.getCreatedAt()) + message.getLifetimeS() * 1000L;
        this.receipts = List.copyOf(receipts);
    }

    public RelayMessage message() {
        return message;
    }

    public String id() {
        return message.getMessageId();
    }

    public Destination destination() {
        return destination;
    }

    public boolean origin() {
        return origin;
    }

    public boolean inbound() {
        return inbound;
    }

    public String receivedFrom() {
        return receivedFrom;
    }

    public long receivedAtMs() {
        return receivedAtMs;
    }

    public long expiresAtMs() {
        return expiresAtMs;
    }

    public List<RelayReceipt> receipts() {
        return receipts;
    }

    public boolean expired(long nowMs) {
        return nowMs >= expiresAtMs;
    }

    /** This one plus a receipt; itself when the same member already reported the same state. */
    public StoredMessage withReceipt(RelayReceipt r) {
        if (hasReceipt(r.getById(), r.getState())) {
            return this;
        }
        List<RelayReceipt> more = new ArrayList<>(receipts.size() + 1);
        more.addAll(receipts);
        more.add(r);
        return new StoredMessage(message, origin, inbound, receivedFrom, receivedAtMs, more);
    }

    public boolean hasReceipt(String byId, MessageState state) {
        for (RelayReceipt r : receipts) {
            if (r.getState() == state && r.getById().equals(byId)) {
                return true;
            }
        }
        return false;
    }

    /** The member confirmed it persisted the message, as carrier or recipient (or refused it for good). */
    public boolean answeredBy(String memberId) {
        for (RelayReceipt r : receipts) {
            if (r.getById().equals(memberId)) {
                return true;
            }
        }
        return false;
    }

    /** A single-node message whose recipient confirmed it (or refused it): nothing left to hand over. */
    public boolean settled() {
        return !destination.multicast()
                && (hasReceipt(destination.name(), MessageState.MESSAGE_STATE_DELIVERED)
                    || hasReceipt(destination.name(), MessageState.MESSAGE_STATE_FAILED));
    }

    /** Members that took custody as carriers (FORWARDED receipts): the origin's spray copies spent. */
    public int carriers() {
        int n = 0;
        for (RelayReceipt r : receipts) {
            if (r.getState() == MessageState.MESSAGE_STATE_FORWARDED) {
                n++;
            }
        }
        return n;
    }

    /**
     * delivered once a recipient confirmed; failed when the recipient of a single-node message
     * refused it; expired when the lifetime ran out before; forwarded once a carrier took custody.
     */
    public MessageState state(long nowMs) {
        boolean forwarded = false;
        for (RelayReceipt r : receipts) {
            if (r.getState() == MessageState.MESSAGE_STATE_DELIVERED) {
                return MessageState.MESSAGE_STATE_DELIVERED;
            }
            forwarded |= r.getState() == MessageState.MESSAGE_STATE_FORWARDED;
        }
        if (!destination.multicast() && hasReceipt(destination.name(), MessageState.MESSAGE_STATE_FAILED)) {
            return MessageState.MESSAGE_STATE_FAILED;
        }
        if (expired(nowMs)) {
            return MessageState.MESSAGE_STATE_EXPIRED;
        }
        return forwarded ? MessageState.MESSAGE_STATE_FORWARDED : MessageState.MESSAGE_STATE_ACCEPTED;
    }
}
