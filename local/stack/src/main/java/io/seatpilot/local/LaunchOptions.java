package io.seatpilot.local;

import io.seatpilot.local.iam.IamMode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The command line of {@code bin/seatpilot-local}; ports also come from SEATPILOT_HTTP_PORT / SEATPILOT_WS_PORT. */
record LaunchOptions(int httpPort, int wsPort, Optional<Path> repositoryRoot, Map<String, String> parameters,
                     Optional<Integer> visibilityTimeoutSeconds, IamMode iam, boolean quiet, boolean demoDeviceKey,
                     boolean help) {

    static final String USAGE = """
            Usage: bin/seatpilot-local [options]
              --http-port N            HTTP API port (default 3000, or SEATPILOT_HTTP_PORT; 0 = any free port)
              --ws-port N              WebSocket API port (default 3001, or SEATPILOT_WS_PORT)
              --stage NAME             template parameter Stage (default: the template's, dev; "local" is fine)
              --param NAME=VALUE       any other template parameter
              --repo-root DIR          folder with template.yaml (default: found upwards from the working directory)
              --visibility-timeout S   replace every queue's VisibilityTimeout (seconds), to see redeliveries fast
              --iam enforce|report     enforce each function's IAM policies from the template (default), or only
                                       log the calls they would deny
              --no-demo-key            do not issue the demo device key at start-up
              --quiet                  print only warnings and errors
              --help                   this text""";

    static LaunchOptions parse(String[] args, Map<String, String> environment) {
        int httpPort = port(environment.getOrDefault("SEATPILOT_HTTP_PORT", "3000"), "SEATPILOT_HTTP_PORT");
        int wsPort = port(environment.getOrDefault("SEATPILOT_WS_PORT", "3001"), "SEATPILOT_WS_PORT");
        Optional<Path> root = Optional.empty();
        Map<String, String> parameters = new LinkedHashMap<>();
        Optional<Integer> visibility = Optional.empty();
        IamMode iam = IamMode.ENFORCE;
        boolean quiet = false;
        boolean demoKey = true;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--http-port" -> httpPort = port(value(args, ++i, arg), arg);
                case "--ws-port" -> wsPort = port(value(args, ++i, arg), arg);
                case "--stage" -> parameters.put("Stage", value(args, ++i, arg));
                case "--param" -> {
                    String assignment = value(args, ++i, arg);
                    int equals = assignment.indexOf('=');
                    if (equals < 1) {
                        throw new IllegalArgumentException("--param needs NAME=VALUE, got " + assignment);
                    }
                    parameters.put(assignment.substring(0, equals), assignment.substring(equals + 1));
                }
                case "--repo-root" -> root = Optional.of(Path.of(value(args, ++i, arg)));
                case "--visibility-timeout" -> visibility = Optional.of(Integer.parseInt(value(args, ++i, arg)));
                case "--iam" -> iam = IamMode.parse(value(args, ++i, arg));
                case "--no-demo-key" -> demoKey = false;
                case "--quiet" -> quiet = true;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("Unknown option " + arg + "\n" + USAGE);
            }
        }
        return new LaunchOptions(httpPort, wsPort, root, parameters, visibility, iam, quiet, demoKey, help);
    }

    LocalStack.Builder apply(LocalStack.Builder builder) {
        builder.httpPort(httpPort).wsPort(wsPort).iam(iam).quiet(quiet).demoDeviceKey(demoDeviceKey);
        repositoryRoot.ifPresent(builder::repositoryRoot);
        parameters.forEach(builder::parameter);
        visibilityTimeoutSeconds.ifPresent(builder::visibilityTimeoutOverrideSeconds);
        return builder;
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static int port(String text, String source) {
        try {
            int port = Integer.parseInt(text.trim());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + " is not a port number: " + text);
        }
    }
}
