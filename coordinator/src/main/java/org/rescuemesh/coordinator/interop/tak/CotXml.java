package org.rescuemesh.coordinator.interop.tak;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalInt;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.rescuemesh.tak.v1.Contact;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.Detail;
import org.rescuemesh.tak.v1.Group;
import org.rescuemesh.tak.v1.Status;
import org.rescuemesh.tak.v1.Track;

/**
 * Reads one Cursor-on-Target XML {@code <event>} into the same {@link CotEvent} the TAK protocol
 * carries, so both encodings meet one mapping. Only the parts a picture needs are read: the
 * event's attributes, its {@code <point>}, and in {@code <detail>} the contact callsign, the
 * {@code __group}, status battery, track speed/course, a TAK protocol request, and a chat's
 * {@code __chat}, {@code chatgrp}, {@code link} and {@code remarks} (kept in {@code xmlDetail}). Hardened: no
 * DTDs, no external entities (a CoT port is reachable from the field LAN).
 */
public final class CotXml {

    /** One event, and the TAK protocol version it asks for when it is a {@code t-x-takp-q}. */
    public record Parsed(CotEvent event, OptionalInt takProtocolRequested) {
    }

    private static final XMLInputFactory FACTORY = XMLInputFactory.newFactory();

    static {
        FACTORY.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        FACTORY.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        FACTORY.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    private CotXml() {
    }

    /** @throws CotException naming what is wrong with the document */
    public static Parsed read(byte[] document) {
        CotEvent.Builder event = CotEvent.newBuilder().setHae(CotAssets.UNKNOWN).setCe(CotAssets.UNKNOWN)
                .setLe(CotAssets.UNKNOWN);
        Detail.Builder detail = Detail.newBuilder();
        boolean sawEvent = false;
        boolean sawPoint = false;
        OptionalInt takRequest = OptionalInt.empty();
        StringBuilder chat = new StringBuilder();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new ByteArrayInputStream(document));
            while (nextStartElement(r)) {
                switch (r.getLocalName()) {
                    case "event" -> {
                        if (sawEvent) {
                            throw new CotException("nested <event>");
                        }
                        sawEvent = true;
                        event.setUid(required(r, "uid")).setType(required(r, "type")).setHow(optional(r, "how"));
                        event.setSendTime(millis(r, "time")).setStartTime(millisOr(r, "start", event.getSendTime()))
                                .setStaleTime(millisOr(r, "stale", event.getSendTime()));
                    }
                    case "point" -> {
                        sawPoint = true;
                        event.setLat(number(r, "lat", Double.NaN)).setLon(number(r, "lon", Double.NaN))
                                .setHae(number(r, "hae", CotAssets.UNKNOWN)).setCe(number(r, "ce", CotAssets.UNKNOWN))
                                .setLe(number(r, "le", CotAssets.UNKNOWN));
                    }
                    case "contact" -> detail.setContact(Contact.newBuilder().setCallsign(optional(r, "callsign"))
                            .setEndpoint(optional(r, "endpoint")));
                    case "__group" -> detail.setGroup(Group.newBuilder().setName(optional(r, "name"))
                            .setRole(optional(r, "role")));
                    case "status" -> {
                        double battery = number(r, "battery", Double.NaN);
                        if (battery >= 0 && battery <= 100) {
                            detail.setStatus(Status.newBuilder().setBattery((int) Math.round(battery)));
                        }
                    }
                    case "track" -> detail.setTrack(Track.newBuilder().setSpeed(number(r, "speed", Double.NaN))
                            .setCourse(number(r, "course", Double.NaN)));
                    case "TakRequest" -> {
                        double v = number(r, "version", Double.NaN);
                        if (v == Math.rint(v) && v >= 0 && v < 1000) {
                            takRequest = OptionalInt.of((int) v);
                        }
                    }
                    // a GeoChat's parts, kept as TAK protocol 1 carries them (in xmlDetail), so both
                    // encodings meet one reading (CotChat). Other events' remarks and links are not
                    // read: a remark with markup must not cost a unit its position.
                    case "__chat", "chatgrp", "link", "remarks" -> {
                        if (CotChat.TYPE.equals(event.getType())) {
                            appendChatPart(r, chat);
                        }
                    }
                    default -> {
                        // other detail (takv, uid, links …) is not part of the picture
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new CotException("not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            close(r);
        }
        if (!sawEvent) {
            throw new CotException("no <event> element");
        }
        if (!sawPoint) {
            throw new CotException("event " + event.getUid() + " has no <point>");
        }
        if (chat.length() > 0) {
            detail.setXmlDetail(chat.toString());
        }
        return new Parsed(event.setDetail(detail).build(), takRequest);
    }

    /** What a GeoChat's detail says: who wrote it, in which room, its id, the writer's uid and the text. */
    public record ChatDetail(String senderCallsign, String chatroom, String messageId, String senderUid, String text) {
    }

    /**
     * Reads the chat parts of a detail's {@code xmlDetail} (as a TAK protocol 1 client sends it,
     * or as {@link #read} keeps it).
     *
     * @throws CotException when the fragment is not well-formed
     */
    public static ChatDetail readChat(String xmlDetail) {
        String callsign = "";
        String room = "";
        String id = "";
        String uid = "";
        String linkUid = "";
        StringBuilder text = new StringBuilder();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new java.io.StringReader("<detail>" + xmlDetail + "</detail>"));
            while (nextStartElement(r)) {
                switch (r.getLocalName()) {
                    case "__chat" -> {
                        callsign = optional(r, "senderCallsign");
                        room = optional(r, "chatroom");
                        id = optional(r, "messageId");
                    }
                    case "chatgrp" -> uid = optional(r, "uid0");
                    case "link" -> linkUid = linkUid.isEmpty() ? optional(r, "uid") : linkUid;
                    case "remarks" -> text.append(r.getElementText());
                    default -> {
                        // the rest of a chat's detail (marti, serverdestination …) says nothing to the command post
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw new CotException("chat detail is not well-formed XML: " + firstLine(e.getMessage()));
        } finally {
            close(r);
        }
        return new ChatDetail(callsign, room, id, uid.isEmpty() ? linkUid : uid, text.toString().strip());
    }

    private static void appendChatPart(XMLStreamReader r, StringBuilder chat) throws XMLStreamException {
        switch (r.getLocalName()) {
            case "__chat" -> chat.append("<__chat senderCallsign=\"").append(escape(optional(r, "senderCallsign")))
                    .append("\" chatroom=\"").append(escape(optional(r, "chatroom")))
                    .append("\" messageId=\"").append(escape(optional(r, "messageId"))).append("\"/>");
            case "chatgrp" -> chat.append("<chatgrp uid0=\"").append(escape(optional(r, "uid0"))).append("\"/>");
            case "link" -> chat.append("<link uid=\"").append(escape(optional(r, "uid"))).append("\"/>");
            default -> chat.append("<remarks>").append(escape(r.getElementText())).append("</remarks>");
        }
    }

    /** Moves to the next start tag; false at the end. A DTD is refused (no entities from the field LAN). */
    private static boolean nextStartElement(XMLStreamReader r) throws XMLStreamException {
        while (r.hasNext()) {
            int kind = r.next();
            if (kind == XMLStreamConstants.DTD) {
                throw new CotException("DTDs are not accepted");
            }
            if (kind == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
        }
        return false;
    }

    private static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing was opened that needs it
            }
        }
    }

    private static String required(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            throw new CotException("<" + r.getLocalName() + "> has no " + name);
        }
        return v.strip();
    }

    private static String optional(XMLStreamReader r, String name) {
        String v = r.getAttributeValue(null, name);
        return v == null ? "" : v.strip();
    }

    private static double number(XMLStreamReader r, String name, double absent) {
        String v = r.getAttributeValue(null, name);
        if (v == null || v.isBlank()) {
            return absent;
        }
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new CotException("<" + r.getLocalName() + " " + name + "=\"" + abbreviate(v) + "\"> is not a number");
        }
    }

    private static long millis(XMLStreamReader r, String name) {
        String v = required(r, name);
        try {
            return OffsetDateTime.parse(v).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(v).toEpochMilli();
            } catch (DateTimeParseException again) {
                throw new CotException("<event " + name + "=\"" + abbreviate(v) + "\"> is not an ISO-8601 time");
            }
        }
    }

    private static long millisOr(XMLStreamReader r, String name, long absent) {
        String v = r.getAttributeValue(null, name);
        return v == null || v.isBlank() ? absent : millis(r, name);
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message);
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Writes an event as CoT XML (one document, with its prolog). The detail's {@code xmlDetail}
     * goes in as it is: it is XML the coordinator wrote (remarks, TAK control), already escaped.
     */
    public static byte[] write(CotEvent e) {
        StringBuilder x = new StringBuilder(512).append("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
                .append("<event version=\"2.0\" uid=\"").append(escape(e.getUid())).append("\" type=\"")
                .append(escape(e.getType())).append("\" how=\"").append(escape(e.getHow())).append("\" time=\"")
                .append(Instant.ofEpochMilli(e.getSendTime())).append("\" start=\"").append(Instant.ofEpochMilli(e.getStartTime()))
                .append("\" stale=\"").append(Instant.ofEpochMilli(e.getStaleTime())).append("\">")
                .append("<point lat=\"").append(e.getLat()).append("\" lon=\"").append(e.getLon()).append("\" hae=\"")
                .append(e.getHae()).append("\" ce=\"").append(e.getCe()).append("\" le=\"").append(e.getLe()).append("\"/>")
                .append("<detail>");
        Detail d = e.getDetail();
        if (d.hasContact()) {
            x.append("<contact callsign=\"").append(escape(d.getContact().getCallsign())).append("\"/>");
        }
        if (d.hasGroup()) {
            x.append("<__group name=\"").append(escape(d.getGroup().getName())).append("\" role=\"")
                    .append(escape(d.getGroup().getRole())).append("\"/>");
        }
        if (d.hasStatus()) {
            x.append("<status battery=\"").append(d.getStatus().getBattery()).append("\"/>");
        }
        if (d.hasTrack()) {
            x.append("<track speed=\"").append(d.getTrack().getSpeed()).append("\" course=\"")
                    .append(d.getTrack().getCourse()).append("\"/>");
        }
        x.append(d.getXmlDetail());
        return x.append("</detail></event>").toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
