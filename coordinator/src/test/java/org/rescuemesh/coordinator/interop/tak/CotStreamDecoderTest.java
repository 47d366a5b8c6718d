package org.rescuemesh.coordinator.interop.tak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.tak.v1.Contact;
import org.rescuemesh.tak.v1.CotEvent;
import org.rescuemesh.tak.v1.Detail;
import org.rescuemesh.tak.v1.TakMessage;
import org.rescuemesh.tak.v1.Track;

class CotStreamDecoderTest {

    static String atak(String uid, double lat, double lon) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<event version=\"2.0\" uid=\"" + uid + "\" type=\"a-f-G-U-C\" how=\"m-g\" time=\"2026-11-28T10:00:00.500Z\""
                + " start=\"2026-11-28T10:00:00.500Z\" stale=\"2026-11-28T10:01:15.500Z\">"
                + "<point lat=\"" + lat + "\" lon=\"" + lon + "\" hae=\"35.2\" ce=\"4.9\" le=\"9999999.0\"/>"
                + "<detail><takv device=\"SM-G\" platform=\"ATAK-CIV\" os=\"33\" version=\"5.2\"/>"
                + "<contact endpoint=\"*:-1:stcp\" callsign=\"RESCUE-" + uid + "\"/><__group name=\"Cyan\" role=\"Team Member\"/>"
                + "<status battery=\"87\"/><track speed=\"1.4\" course=\"271.5\"/><remarks>on foot</remarks></detail></event>\n";
    }

    private static List<CotStreamDecoder.Item> feedInPieces(CotStreamDecoder d, byte[] bytes, int piece) {
        List<CotStreamDecoder.Item> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i += piece) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + piece));
            out.addAll(d.feed(part));
        }
        return out;
    }

    @Test
    void xmlEventsSplitAnywhereAreReadWhole() {
        byte[] stream = (atak("u1", 11.1, 124.9) + "\n  " + atak("u2", 11.2, 125.0)).getBytes(StandardCharsets.UTF_8);
        for (int piece : new int[]{1, 3, 7, 64, stream.length}) {
            List<CotStreamDecoder.Item> items = feedInPieces(new CotStreamDecoder(), stream, piece);
            assertThat(items).as("pieces of " + piece).hasSize(2).allMatch(i -> i instanceof CotStreamDecoder.Event);
            CotEvent first = ((CotStreamDecoder.Event) items.get(0)).event();
            assertThat(first.getUid()).isEqualTo("u1");
            assertThat(first.getType()).isEqualTo("a-f-G-U-C");
            assertThat(first.getLat()).isEqualTo(11.1);
            assertThat(first.getHae()).isEqualTo(35.2);
            assertThat(first.getLe()).isEqualTo(CotAssets.UNKNOWN);
            assertThat(first.getSendTime()).isEqualTo(java.time.Instant.parse("2026-11-28T10:00:00.500Z").toEpochMilli());
            assertThat(first.getStaleTime() - first.getSendTime()).isEqualTo(75_000);
            assertThat(first.getDetail().getContact().getCallsign()).isEqualTo("RESCUE-u1");
            assertThat(first.getDetail().getGroup().getName()).isEqualTo("Cyan");
            assertThat(first.getDetail().getStatus().getBattery()).isEqualTo(87);
            assertThat(first.getDetail().getTrack().getCourse()).isEqualTo(271.5);
            assertThat(((CotStreamDecoder.Event) items.get(1)).event().getUid()).isEqualTo("u2");
        }
    }

    @Test
    void badEventsAreReportedAndTheStreamGoesOn() {
        String noPoint = "<event version=\"2.0\" uid=\"x\" type=\"a-f-G\" time=\"2026-11-28T10:00:00Z\"></event>";
        String badLat = atak("u3", 11.1, 124.9).replace("lat=\"11.1\"", "lat=\"north\"");
        String badTime = atak("u4", 11.1, 124.9).replace("time=\"2026-11-28T10:00:00.500Z\"", "time=\"yesterday\"");
        String notXml = "<event uid=\"y\" type=\"a\" <point></event>";
        String xxe = "<!DOCTYPE event [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><event version=\"2.0\" uid=\"&x;\" "
                + "type=\"a-f-G\" time=\"2026-11-28T10:00:00Z\"><point lat=\"1\" lon=\"2\"/></event>";
        String stream = "garbage that is not CoT " + noPoint + badLat + badTime + notXml + atak("ok", 11.3, 125.1);
        List<CotStreamDecoder.Item> items = feedInPieces(new CotStreamDecoder(), stream.getBytes(StandardCharsets.UTF_8), 5);
        List<String> reasons = items.stream().filter(i -> i instanceof CotStreamDecoder.Rejected)
                .map(i -> ((CotStreamDecoder.Rejected) i).reason()).toList();
        assertThat(reasons).anyMatch(r -> r.contains("not a CoT event"))
                .anyMatch(r -> r.contains("has no <point>"))
                .anyMatch(r -> r.contains("lat=\"north\"") && r.contains("not a number"))
                .anyMatch(r -> r.contains("time=\"yesterday\"") && r.contains("ISO-8601"))
                .anyMatch(r -> r.contains("not well-formed XML"));
        assertThat(items.get(items.size() - 1)).isInstanceOf(CotStreamDecoder.Event.class);
        assertThat(((CotStreamDecoder.Event) items.get(items.size() - 1)).event().getUid()).isEqualTo("ok");

        assertThatThrownBy(() -> CotXml.read(xxe.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(CotException.class).hasMessageNotContaining("root:");
    }

    @Test
    void oversizedEventsAreSkipped() {
        String huge = "<event version=\"2.0\" uid=\"big\" type=\"a-f-G\" time=\"2026-11-28T10:00:00Z\"><point lat=\"1\" lon=\"2\"/>"
                + "<detail><remarks>" + "x".repeat(CotStreamDecoder.MAX_MESSAGE_BYTES) + "</remarks></detail></event>";
        List<CotStreamDecoder.Item> items = feedInPieces(new CotStreamDecoder(),
                (huge + atak("after", 11.1, 124.9)).getBytes(StandardCharsets.UTF_8), 4096);
        assertThat(items.get(0)).isInstanceOf(CotStreamDecoder.Rejected.class);
        assertThat(((CotStreamDecoder.Rejected) items.get(0)).reason()).contains("over " + CotStreamDecoder.MAX_MESSAGE_BYTES);
        assertThat(items).filteredOn(i -> i instanceof CotStreamDecoder.Event).hasSize(1);
    }

    @Test
    void negotiatesProtocolOneThenReadsFrames() {
        String request = "<event version=\"2.0\" uid=\"ANDROID-1\" type=\"t-x-takp-q\" how=\"m-g\" time=\"2026-11-28T10:00:00Z\""
                + " start=\"2026-11-28T10:00:00Z\" stale=\"2026-11-28T10:01:00Z\"><point lat=\"0\" lon=\"0\" hae=\"0\" ce=\"999999\""
                + " le=\"999999\"/><detail><TakControl><TakRequest version=\"1\"/></TakControl></detail></event>";
        CotEvent heli = CotEvent.newBuilder().setType("a-f-A-M-H").setUid("heli-7").setHow("m-g")
                .setSendTime(1_800_000_000_000L).setStartTime(1_800_000_000_000L).setStaleTime(1_800_000_060_000L)
                .setLat(11.25).setLon(124.95).setHae(450).setCe(10).setLe(CotAssets.UNKNOWN)
                .setDetail(Detail.newBuilder().setContact(Contact.newBuilder().setCallsign("Rescue 21"))
                        .setTrack(Track.newBuilder().setSpeed(40).setCourse(90))).build();
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        frames.writeBytes(CotStreamDecoder.frame(TakMessage.newBuilder().setCotEvent(heli).build()));
        frames.writeBytes(new byte[]{0x01, 0x02}); // line noise: resynchronised on the next marker
        frames.writeBytes(CotStreamDecoder.frame(TakMessage.newBuilder()
                .setCotEvent(heli.toBuilder().setUid("heli-8")).build()));
        byte[] protobuf = frames.toByteArray();

        CotStreamDecoder d = new CotStreamDecoder();
        // the client's request and (too eagerly) its first frames arrive in one piece
        byte[] first = (request + new String(protobuf, 0, 5, StandardCharsets.ISO_8859_1)).getBytes(StandardCharsets.ISO_8859_1);
        List<CotStreamDecoder.Item> items = new ArrayList<>(d.feed(first));
        assertThat(items).singleElement().isEqualTo(new CotStreamDecoder.ProtocolRequest(1));
        items.addAll(d.protocolAccepted());
        items.addAll(feedInPieces(d, java.util.Arrays.copyOfRange(protobuf, 5, protobuf.length), 3));
        List<CotEvent> events = items.stream().filter(i -> i instanceof CotStreamDecoder.Event)
                .map(i -> ((CotStreamDecoder.Event) i).event()).toList();
        assertThat(events).extracting(CotEvent::getUid).containsExactly("heli-7", "heli-8");
        assertThat(events.get(0)).isEqualTo(heli);
        assertThat(items).anyMatch(i -> i instanceof CotStreamDecoder.Rejected r && r.reason().contains("0xBF"));
        assertThat(d.speaksProtocol1()).isTrue();
    }
}
