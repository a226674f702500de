package io.seatpilot.simulator;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code bin/seatpilot-simulate [--url http://127.0.0.1:3000] [--tenant demo] [--guests 300] [--kiosks 6]
 * [--offline 1] [--speed 60] [--seed 7] [--no-arrivals] [--token JWT]}. Without {@code --token} it asks the local
 * stack's {@code POST /local/tokens} for an admin token of the tenant.
 */
public final class SimulatorMain {

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                usage("unexpected argument " + args[i]);
            }
            String name = args[i].substring(2);
            options.put(name, name.equals("no-arrivals") ? "true" : i + 1 < args.length ? args[++i] : usage("missing value of " + args[i]));
        }
        var settings = new DoorSimulation.Settings(
                URI.create(options.getOrDefault("url", "http://127.0.0.1:3000")),
                options.getOrDefault("tenant", "demo"),
                options.get("token"),
                Integer.parseInt(options.getOrDefault("guests", "300")),
                Integer.parseInt(options.getOrDefault("kiosks", "6")),
                Integer.parseInt(options.getOrDefault("offline", "1")),
                Double.parseDouble(options.getOrDefault("speed", "60")),
                Long.parseLong(options.getOrDefault("seed", "7")),
                !options.containsKey("no-arrivals"));
        System.out.printf("simulating %d guests at %d kiosks (%d offline from minute 10 to 16), %.0fx real time, against %s%n",
                settings.guests(), settings.kiosks(), settings.offlineKiosks(), settings.speed(), settings.base());
        DoorSimulation door = DoorSimulation.prepare(settings);
        // printed before the door opens, so the ops dashboard can follow the event while it plays
        System.out.printf("event %s of tenant %s is set up; follow it at <stack>/ops/ — the door opens now%n",
                door.eventId(), settings.tenant());
        door.play().print(System.out);
    }

    private static String usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: bin/seatpilot-simulate [--url U] [--tenant T] [--guests N] [--kiosks K] [--offline K]"
                + " [--speed X] [--seed S] [--no-arrivals] [--token JWT]");
        System.exit(2);
        return problem;
    }
}
