package io.seatpilot.seating;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Realistic, reproducible seating problems for tests and the benchmark. Weddings: couples and families of up to
 * six, friend clusters on each side, a head table, a few feuds. Corporate dinners: mostly single guests with
 * partners, departments as clusters, executives as VIPs near the stage. About 5 % VIP, 3 % pmr (with an
 * accessible table for each pmr household, and spare), children in larger households, 10 % spare seats.
 */
public final class InstanceGenerator {

    public enum Kind { WEDDING, CORPORATE }

    /** The sizes the issue asks the benchmark to cover. */
    public static final List<Integer> SIZES = List.of(50, 150, 300, 800, 3_000);

    private static final double[] WEDDING_HOUSEHOLDS = {0.25, 0.40, 0.10, 0.15, 0.06, 0.04};
    private static final double[] CORPORATE_HOUSEHOLDS = {0.60, 0.35, 0.03, 0.02, 0, 0};

    private final Kind kind;
    private final SplittableRandom random;

    private InstanceGenerator(Kind kind, long seed) {
        this.kind = kind;
        this.random = new SplittableRandom(seed);
    }

    public static SeatingProblem generate(Kind kind, int guestCount, long seed) {
        return new InstanceGenerator(kind, seed).build(guestCount);
    }

    /**
     * The late changes of a re-plan: 5 % of the guests decline (with their wishes), a household of 4 joins with a
     * wish to sit near one guest, and {@code previous} becomes the current plan.
     */
    public static SeatingProblem lateChanges(SeatingProblem problem, Map<String, String> previous, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Guest> guests = new ArrayList<>(problem.guests());
        int declining = Math.max(1, guests.size() / 20);
        for (int i = 0; i < declining; i++) {
            guests.remove(random.nextInt(guests.size()));
        }
        Guest host = guests.get(random.nextInt(guests.size()));
        for (int i = 1; i <= 4; i++) {
            guests.add(new Guest("late" + i, "late-household", i > 2 ? Set.of("child") : Set.of()));
        }
        Set<String> attending = new HashSet<>();
        guests.forEach(g -> attending.add(g.id()));
        List<Relation> relations = new ArrayList<>(problem.relations().stream()
                .filter(r -> attending.contains(r.a()) && attending.contains(r.b())).toList());
        relations.add(new Relation("late1", host.id(), 4));
        List<List<String>> apart = problem.mustApart().stream().filter(attending::containsAll).toList();
        List<Lock> locks = problem.locks().stream().filter(l -> attending.contains(l.guest())).toList();
        return new SeatingProblem(problem.tables(), guests, relations, apart, locks, previous, problem.weights());
    }

    private SeatingProblem build(int guestCount) {
        List<List<Guest>> households = households(guestCount);
        List<Guest> guests = households.stream().flatMap(List::stream).toList();
        List<Relation> relations = new ArrayList<>();
        List<List<String>> mustApart = new ArrayList<>();
        clusters(households, relations);
        feuds(guests, relations, mustApart);
        int pmrSeats = households.stream().filter(h -> h.stream().anyMatch(Guest::pmr)).mapToInt(List::size).sum();
        return new SeatingProblem(tables(guestCount, pmrSeats), guests, relations, mustApart, List.of(), Map.of(),
                Weights.DEFAULT);
    }

    private List<List<Guest>> households(int guestCount) {
        double[] shares = kind == Kind.WEDDING ? WEDDING_HOUSEHOLDS : CORPORATE_HOUSEHOLDS;
        List<List<Guest>> households = new ArrayList<>();
        int made = 0;
        while (made < guestCount) {
            int size = Math.min(pick(shares) + 1, guestCount - made);
            String household = "h" + (households.size() + 1);
            List<Guest> members = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                Set<String> tags = new HashSet<>();
                if (i >= 2) {
                    tags.add("child");
                } else {
                    if (random.nextDouble() < 0.05) {
                        tags.add("vip");
                    }
                }
                if (random.nextDouble() < 0.03) {
                    tags.add("pmr");
                }
                members.add(new Guest("g" + (made + i + 1), household, tags));
            }
            households.add(members);
            made += size;
        }
        return households;
    }

    private int pick(double[] shares) {
        double roll = random.nextDouble();
        for (int i = 0; i < shares.length; i++) {
            roll -= shares[i];
            if (roll < 0) {
                return i;
            }
        }
        return 0;
    }

    /** Friend circles (weddings) or departments (corporate) of 4–12 households, each adult linked to a few others. */
    private void clusters(List<List<Guest>> households, List<Relation> relations) {
        int start = 0;
        while (start < households.size()) {
            int size = Math.min(4 + random.nextInt(9), households.size() - start);
            List<Guest> adults = households.subList(start, start + size).stream()
                    .flatMap(h -> h.stream().limit(2)).toList();
            Set<String> seen = new HashSet<>();
            for (Guest a : adults) {
                int links = 1 + random.nextInt(4);
                for (int i = 0; i < links && adults.size() > 1; i++) {
                    Guest b = adults.get(random.nextInt(adults.size()));
                    boolean sameHousehold = b.householdId().equals(a.householdId());
                    if (!sameHousehold && seen.add(pairKey(a.id(), b.id()))) {
                        relations.add(new Relation(a.id(), b.id(), 1 + random.nextInt(5)));
                    }
                }
            }
            start += size;
        }
    }

    /** About one feud per 60 guests: half as must_apart, half as a negative wish. */
    private void feuds(List<Guest> guests, List<Relation> relations, List<List<String>> mustApart) {
        int feuds = Math.max(1, guests.size() / 60);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < feuds; i++) {
            Guest a = guests.get(random.nextInt(guests.size()));
            Guest b = guests.get(random.nextInt(guests.size()));
            if (a.householdId().equals(b.householdId()) || !seen.add(pairKey(a.id(), b.id()))) {
                continue;
            }
            if (i % 2 == 0) {
                mustApart.add(List.of(a.id(), b.id()));
            } else {
                relations.add(new Relation(a.id(), b.id(), -(3 + random.nextInt(8))));
            }
        }
    }

    private List<Table> tables(int guestCount, int pmrSeats) {
        int capacity = guestCount > 2_000 ? 12 : 10;
        int count = Math.max(2, (int) Math.ceil(guestCount * 1.10 / capacity));
        int accessibleCount = Math.max(1, (int) Math.ceil(pmrSeats * 1.5 / capacity));
        Map<String, Table> tables = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            Set<String> tags = new HashSet<>();
            if (t == 0) {
                tags.add("head");
            } else if (t <= Math.max(1, count / 10)) {
                tags.add("near_stage");
            }
            if (t >= count - accessibleCount || t == 0) {
                tags.add("accessible");
            }
            String id = "T" + (t + 1);
            String zone = String.valueOf((char) ('A' + t % 4));
            tables.put(id, new Table(id, capacity, zone, tags));
        }
        return List.copyOf(tables.values());
    }

    private static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }
}
