package io.seatpilot.bench.httpclient;

import java.io.File;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * An SDK HTTP client under comparison, with the artifacts it brings into a function jar: its own and its transitive
 * dependencies (as {@code ./mvnw -pl bench dependency:tree} shows them under the SDK BOM). The probe JVM runs on the
 * function jar plus exactly these jars, so a missing one fails the benchmark instead of going unweighed.
 */
enum Candidate {

    URL_CONNECTION("url-connection", "software.amazon.awssdk:url-connection-client"),
    APACHE("apache", "software.amazon.awssdk:apache-client", "org.apache.httpcomponents:httpclient",
            "org.apache.httpcomponents:httpcore", "commons-logging:commons-logging", "commons-codec:commons-codec"),
    APACHE5("apache5", "software.amazon.awssdk:apache5-client", "org.apache.httpcomponents.client5:httpclient5",
            "org.apache.httpcomponents.core5:httpcore5", "org.apache.httpcomponents.core5:httpcore5-h2"),
    CRT("aws-crt", "software.amazon.awssdk:aws-crt-client", "software.amazon.awssdk:crt-core",
            "software.amazon.awssdk.crt:aws-crt");

    final String label;
    final List<String> artifacts;

    Candidate(String label, String... artifacts) {
        this.label = label;
        this.artifacts = List.of(artifacts);
    }

    /** This candidate's jars on the benchmark's own class path (resolved by Maven for the bench module). */
    List<Path> jars() {
        List<String> classPath = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        return artifacts.stream().map(coordinates -> {
            String[] parts = coordinates.split(":");
            String directory = File.separator + parts[0].replace('.', File.separatorChar) + File.separator + parts[1] + File.separator;
            return classPath.stream().filter(entry -> entry.contains(directory) && entry.endsWith(".jar")).findFirst()
                    .map(Path::of)
                    .orElseThrow(() -> new IllegalStateException(coordinates + " is not on the class path: is it in bench/pom.xml?"));
        }).toList();
    }
}
