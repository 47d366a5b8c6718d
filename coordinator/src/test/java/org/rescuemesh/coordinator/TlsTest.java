package org.rescuemesh.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.util.Timestamps;
import io.vertx.core.Vertx;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rescuemesh.coordinator.auth.TokenRegistry;
import org.rescuemesh.coordinator.ingest.IngestClient;
import org.rescuemesh.proto.v1.AssetPosition;
import org.rescuemesh.proto.v1.AssetPositionBatch;

/**
 * HTTP and gRPC over TLS with PEM files. The certificate in src/test/resources/tls is a test-only
 * self-signed one for 127.0.0.1 (made with {@code openssl req -x509 -newkey rsa:2048 -nodes
 * -days 36500 -subj /CN=localhost -addext subjectAltName=IP:127.0.0.1,DNS:localhost}).
 */
class TlsTest {

    @Test
    void httpsAndGrpcOverTlsWorkAndPlainTextIsRefused() throws Exception {
        Path cert = Path.of(TlsTest.class.getResource("/tls/cert.pem").toURI());
        Path key = Path.of(TlsTest.class.getResource("/tls/key.pem").toURI());
        Coordinator c = Coordinator.start(new Coordinator.Settings("cp-tls", "127.0.0.1", 0, 0,
                new InetSocketAddress("127.0.0.1", 0), List.of(), "rescuemesh-tls-" + ProcessHandle.current().pid(),
                16900, List.of(), TokenRegistry.single("tls-token", "tls")).withTls(new Coordinator.Tls(cert, key)));
        Vertx vertx = Vertx.vertx();
        try {
            WebClient https = WebClient.create(vertx, new WebClientOptions().setSsl(true).setVerifyHost(true)
                    .setTrustOptions(new PemTrustOptions().addCertPath(cert.toString())));
            assertThat(https.get(c.httpPort(), "127.0.0.1", "/api/v1/health").send().await().statusCode()).isEqualTo(200);

            IngestClient secure = new IngestClient(vertx, "127.0.0.1", c.grpcPort(), "tls-token", cert);
            AssetPosition p = AssetPosition.newBuilder().setAssetId("tls-boat").setLat(11).setLon(125)
                    .setObservedAt(Timestamps.fromMillis(System.currentTimeMillis())).build();
            assertThat(secure.publishBatch(AssetPositionBatch.newBuilder().addPositions(p).build()).await().getAccepted())
                    .isEqualTo(1);
            secure.close();

            IngestClient plain = new IngestClient(vertx, "127.0.0.1", c.grpcPort(), "tls-token");
            assertThatThrownBy(() -> plain.publishBatch(AssetPositionBatch.newBuilder().addPositions(p).build()).await())
                    .isNotNull();
            plain.close();
        } finally {
            vertx.close().await();
            c.close();
        }
    }
}
