package io.seatpilot.bench.httpclient;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.GenerateMacRequest;
import software.amazon.awssdk.services.kms.model.MacAlgorithmSpec;

/**
 * Runs in a fresh JVM on the ingest function's jar plus one candidate's jars ({@link HttpClientBenchmark}) and does
 * what the ingest function does first: builds a DynamoDB and a KMS client on one shared HTTP client, reads the
 * device key record (GetItem) and derives the device secret (GenerateMac). It prints the milliseconds from JVM
 * launch to each step (both first answers are checked: the key record exists, the MAC is an HMAC-SHA-256), the process CPU time and peak resident memory at the first answer, then the warm p50/p95
 * of both calls (microseconds) measured after the warm-up calls. Credentials are the function role's,
 * fetched once by the parent, so resolving them (identical for every candidate) is no part of the figures.
 */
public final class HttpClientProbe {

    private HttpClientProbe() {
    }

    public static void main(String[] args) throws Exception {
        Candidate candidate = Candidate.valueOf(args[0]);
        int warmUpCalls = Integer.parseInt(args[1]);
        int measuredCalls = Integer.parseInt(args[2]);
        long launched = ManagementFactory.getRuntimeMXBean().getStartTime();

        SdkHttpClient http = switch (candidate) {
            case URL_CONNECTION -> UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
            case APACHE -> ApacheHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
            case APACHE5 -> Apache5HttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(2)).socketTimeout(Duration.ofSeconds(10)).build();
            // the CRT client has no socket timeout; its connection timeout is the one it shares with the others
            case CRT -> AwsCrtHttpClient.builder().connectionTimeout(Duration.ofSeconds(2)).build();
        };
        var credentials = StaticCredentialsProvider.create(AwsSessionCredentials.create(
                System.getenv("PROBE_ACCESS_KEY_ID"), System.getenv("PROBE_SECRET_ACCESS_KEY"), System.getenv("PROBE_SESSION_TOKEN")));
        Region region = Region.of(System.getProperty("probe.region"));
        DynamoDbClient dynamo = DynamoDbClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .endpointOverride(URI.create(System.getProperty("probe.dynamoEndpoint"))).build();
        KmsClient kms = KmsClient.builder().httpClient(http).region(region).credentialsProvider(credentials)
                .endpointOverride(URI.create(System.getProperty("probe.kmsEndpoint"))).build();
        long built = System.currentTimeMillis() - launched;

        GetItemRequest getItem = GetItemRequest.builder().tableName(System.getProperty("probe.table"))
                .key(Map.of("pk", AttributeValue.fromS(System.getProperty("probe.pk")),
                        "sk", AttributeValue.fromS(System.getProperty("probe.sk"))))
                .build();
        GenerateMacRequest generateMac = GenerateMacRequest.builder().keyId(System.getProperty("probe.macKey"))
                .macAlgorithm(MacAlgorithmSpec.HMAC_SHA_256)
                .message(SdkBytes.fromString(System.getProperty("probe.macMessage"), StandardCharsets.UTF_8))
                .build();
        if (!dynamo.getItem(getItem).hasItem()) {
            throw new IllegalStateException("GetItem found no key record");
        }
        long read = System.currentTimeMillis() - launched;
        if (kms.generateMac(generateMac).mac().asByteArray().length != 32) {
            throw new IllegalStateException("GenerateMac answered no HMAC-SHA-256");
        }
        long answered = System.currentTimeMillis() - launched;
        long cpuMs = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1_000_000;
        long peakKb = peakResidentKb();

        for (int i = 0; i < warmUpCalls; i++) {
            dynamo.getItem(getItem);
            kms.generateMac(generateMac);
        }
        long[] getMicros = new long[measuredCalls];
        long[] macMicros = new long[measuredCalls];
        for (int i = 0; i < measuredCalls; i++) {
            long start = System.nanoTime();
            dynamo.getItem(getItem);
            long between = System.nanoTime();
            kms.generateMac(generateMac);
            getMicros[i] = (between - start) / 1_000;
            macMicros[i] = (System.nanoTime() - between) / 1_000;
        }
        System.out.printf("PROBE built=%d read=%d answered=%d cpu=%d peakKb=%d get50=%d get95=%d mac50=%d mac95=%d%n",
                built, read, answered, cpuMs, peakKb, percentile(getMicros, 50), percentile(getMicros, 95),
                percentile(macMicros, 50), percentile(macMicros, 95));
        http.close();
        System.exit(0);
    }

    private static long peakResidentKb() throws java.io.IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(line -> line.startsWith("VmHWM:"))
                .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).findFirst().orElse(-1L);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }
}
