package org.rescuemesh.coordinator.interop.tak;

import com.google.protobuf.util.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import org.rescuemesh.agent.NodeIdentity;
import org.rescuemesh.coordinator.interop.DistressCall;
import org.rescuemesh.coordinator.interop.SenderClock;
import org.rescuemesh.proto.v1.GeoPosition;
import org.rescuemesh.proto.v1.MessagePriority;
import org.rescuemesh.proto.v1.RelayMessage;
import org.rescuemesh.tak.v1.CotEvent;

/**
 * TAK GeoChat ({@code b-t-f}) sent to the coordinator's TAK port, as a message to the command
 * post's store: listed with the teams' messages, journaled, kept across restarts. The writer's
 * callsign leads the text and the event's point (where the writer was) rides along. Sans-I/O.
 */
public final class CotChat {

    public static final String TYPE = "b-t-f";
    /** ATAK's room everyone on the server is in. */
    static final String ALL_CHAT_ROOMS = "All Chat Rooms";
    /** Kept as long as the teams' own routine messages. */
    static final int LIFETIME_S = 24 * 3_600;
    private static final int MAX_ID = 64;

    private CotChat() {
    }

    /**
     * The message a chat event carries; empty for other events and for chats without text.
     *
     * @throws CotException when the chat's detail is unreadable
     */
    public static Optional<RelayMessage> toMessage(CotEvent e, long receivedAtMs) {
        if (!e.getType().equals(TYPE)) {
            return Optional.empty();
        }
        CotXml.ChatDetail chat = CotXml.readChat(e.getDetail().getXmlDetail());
        if (chat.text().isEmpty()) {
            return Optional.empty();
        }
        long createdAt = SenderClock.orArrival(e.getSendTime(), receivedAtMs);
        String writer = !chat.senderCallsign().isEmpty() ? chat.senderCallsign()
                : !chat.senderUid().isEmpty() ? chat.senderUid() : "TAK";
        RelayMessage.Builder m = RelayMessage.newBuilder()
                .setMessageId(messageId(chat.messageId().isEmpty() ? e.getUid() : chat.messageId()))
                .setFromId(senderId(chat.senderUid()))
                .setTo("coordinator")
                .setPriority(DistressCall.in(chat.text()) ? MessagePriority.MESSAGE_PRIORITY_SOS
                        : MessagePriority.MESSAGE_PRIORITY_ROUTINE)
                .setText(writer + (chat.chatroom().isEmpty() ? "" : " [" + chat.chatroom() + "]") + ": " + chat.text())
                .setCreatedAt(Timestamps.fromMillis(createdAt))
                .setLifetimeS(LIFETIME_S);
        if (Double.isFinite(e.getLat()) && Double.isFinite(e.getLon()) && Math.abs(e.getLat()) <= 90
                && Math.abs(e.getLon()) <= 180 && !(e.getLat() == 0 && e.getLon() == 0)) {
            m.setPosition(GeoPosition.newBuilder().setLatDeg(e.getLat()).setLonDeg(e.getLon())
                    .setObservedAt(Timestamps.fromMillis(createdAt)).setSource("tak"));
        }
        return Optional.of(m.build());
    }

    /**
     * A message the command post sends to everyone, as a GeoChat to All Chat Rooms from the
     * command post (its uid is the command post's atom in the picture, so TAK shows the chat from
     * that contact), at the command post's position when it has one.
     */
    public static CotEvent fromCommandPost(RelayMessage m, String commandPostUid, Optional<GeoPosition> where, long nowMs) {
        String messageId = m.getMessageId();
        String detail = "<__chat parent=\"RootContactGroup\" groupOwner=\"false\" messageId=\"" + CotXml.escape(messageId)
                + "\" chatroom=\"" + ALL_CHAT_ROOMS + "\" id=\"" + ALL_CHAT_ROOMS + "\" senderCallsign=\""
                + CotXml.escape(commandPostUid) + "\"><chatgrp uid0=\"" + CotXml.escape(commandPostUid) + "\" uid1=\""
                + ALL_CHAT_ROOMS + "\" id=\"" + ALL_CHAT_ROOMS + "\"/></__chat>"
                + "<link uid=\"" + CotXml.escape(commandPostUid) + "\" type=\"a-f-G-I\" relation=\"p-p\"/>"
                + "<remarks source=\"" + CotXml.escape(commandPostUid) + "\" to=\"" + ALL_CHAT_ROOMS + "\">"
                + CotXml.escape(m.getText()) + "</remarks>";
        long stale = nowMs + Math.max(60, m.getLifetimeS()) * 1000L;
        CotEvent.Builder e = CotEvent.newBuilder().setType(TYPE).setHow("h-g-i-g-o")
                .setUid("GeoChat." + commandPostUid + "." + ALL_CHAT_ROOMS + "." + messageId)
                .setSendTime(nowMs).setStartTime(nowMs).setStaleTime(stale)
                .setHae(CotAssets.UNKNOWN).setCe(CotAssets.UNKNOWN).setLe(CotAssets.UNKNOWN)
                .setDetail(org.rescuemesh.tak.v1.Detail.newBuilder().setXmlDetail(detail));
        where.ifPresent(p -> e.setLat(p.getLatDeg()).setLon(p.getLonDeg()));
        return e.build();
    }

    /**
     * "tak-" and ATAK's message id (a UUID) when it fits the store's 64 printable characters;
     * otherwise a digest of it, so the same chat sent twice is still one message.
     */
    static String messageId(String id) {
        String candidate = "tak-" + id;
        if (candidate.length() <= MAX_ID && candidate.chars().allMatch(c -> c > 32 && c < 127)) {
            return candidate;
        }
        return "tak-" + digest(id);
    }

    /** The writer's TAK uid when it is a valid node id here (ATAK's "ANDROID-…" are), else a digest of it. */
    static String senderId(String uid) {
        if (NodeIdentity.isValid(uid)) {
            return uid;
        }
        return "tak:" + digest(uid).substring(0, 16);
    }

    private static String digest(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
