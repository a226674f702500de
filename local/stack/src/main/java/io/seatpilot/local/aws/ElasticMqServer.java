package io.seatpilot.local.aws;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, an SQS-compatible server, embedded in this JVM on a free loopback port. */
public final class ElasticMqServer implements AutoCloseable {

    private final SQSRestServer server;
    private final int port;

    private ElasticMqServer(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static ElasticMqServer start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort()
                .withAWSRegion(LocalAccount.REGION).withAWSAccountId(LocalAccount.ACCOUNT_ID).start();
        return new ElasticMqServer(server, server.waitUntilStarted().localAddress().getPort());
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
