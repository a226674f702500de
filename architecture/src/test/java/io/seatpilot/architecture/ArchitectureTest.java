package io.seatpilot.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.seatpilot.core.auth.Callers;
import io.seatpilot.core.auth.JwtClaims;
import io.seatpilot.core.signing.SignedRequestVerifier;
import io.seatpilot.core.tokens.TokenVerifier;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The rules between the parts of the house (issue 12), over every slice and function as compiled: what the
 * door's rules may know, how the slices layer, and what the functions may reach. Each rule names why it exists.
 */
@AnalyzeClasses(packages = "io.seatpilot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    // ---------- (a) the door's rules know neither AWS nor HTTP ----------

    /** A DynamoDB store, or a record nested in one (which would tie whoever names it to the store). */
    static final DescribedPredicate<JavaClass> STORES = DescribedPredicate.describe("DynamoDB stores or records nested in them",
            type -> type.getName().matches("io\\.seatpilot\\.core\\..*Store(\\$.*)?"));

    /**
     * The door's domain: everything in {@code io.seatpilot.core.checkin} but its edges, so a class added there is
     * held to the rule unless it is named here as an edge. Edges are the DynamoDB stores and their adapters, the
     * wiring, the request parsers and facades that answer in HTTP terms, and the worker's projection.
     */
    static final DescribedPredicate<JavaClass> DOOR_RULES = resideInAPackage("io.seatpilot.core.checkin")
            .and(DescribedPredicate.not(nameMatching("io\\.seatpilot\\.core\\.checkin\\."
                    + "(CheckinStore|EventContexts|DoorStores|DoorWiring|Checkins|CheckinRequest|CheckoutRequest"
                    + "|CheckinProjection|DoorLookups|DayOfSeating)(\\$.*)?")))
            .as("the door's rules (io.seatpilot.core.checkin but its stores, wiring and HTTP-facing edges)");

    @ArchTest
    static final ArchRule doorRulesUseNoAwsNorHttp = noClasses().that(DOOR_RULES)
            .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "io.seatpilot.core.http..")
            .because("the rules run against in-memory stores in unit tests, and refuse in their own words (DoorRefusal)");

    @ArchTest
    static final ArchRule doorRulesReachStoresThroughInterfaces = noClasses().that(DOOR_RULES)
            .should().dependOnClassesThat(STORES
                    .or(nameMatching("io\\.seatpilot\\.core\\.checkin\\.(EventContexts|DoorStores)(\\$.*)?"))
                    .as("DynamoDB stores (or records nested in them), EventContexts, DoorStores"))
            .because("the rules see CheckinLedger, GuestDirectory, PassBook, RawEventLog, EventContextSource only, "
                    + "which take and return the event slice's records (Pass, OpenedPass, GuestBatch, NameHit)");

    /**
     * The safety, incident and KPI rules: they reach alerts, exits, musters, incidents, rollups and the door's feed
     * through the interfaces of their slices (AlertLedger, ExitBoard, IncidentLedger, KpiLedger, DoorFeed…). They
     * still refuse with the kernel's ApiException, so only AWS is forbidden here.
     */
    static final DescribedPredicate<JavaClass> SAFETY_AND_KPI_RULES = resideInAnyPackage("io.seatpilot.core.safety",
            "io.seatpilot.core.incident", "io.seatpilot.core.kpi").and(nameMatching("io\\.seatpilot\\.core\\."
            + "(safety\\.(Safety|CapacityWatch)|incident\\.Incidents|kpi\\.(KpiRollups|EventState|LiveSnapshots))(\\$.*)?"))
            .as("the safety, incident and KPI rules (Safety, CapacityWatch, Incidents, KpiRollups, EventState, LiveSnapshots)");

    @ArchTest
    static final ArchRule safetyAndKpiRulesUseNoAws = noClasses().that(SAFETY_AND_KPI_RULES)
            .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
            .because("they run against in-memory fakes in unit tests (SafetyRulesTest, IncidentsTest, KpiRollupsTest)");

    /** The interfaces the safety, incident and KPI rules see their stores through, and the records beside them. */
    static final DescribedPredicate<JavaClass> SAFETY_AND_KPI_PORTS = DescribedPredicate.describe(
            "the store interfaces of those rules", type -> type.getName().matches("io\\.seatpilot\\.core\\."
                    + "(safety\\.(AlertLedger|ExitBoard|MusterRoll|Attendance|EventDirectory|Placements|CapacityFlags|AuditTrail"
                    + "|Escalations|LiveChannel|Pager)|incident\\.IncidentLedger"
                    + "|kpi\\.(KpiLedger|DoorFeed|IngestMinutes|PlanOrigins|LiveSeq))(\\$.*)?"));

    @ArchTest
    static final ArchRule safetyAndKpiRulesNameNoStore = noClasses().that(SAFETY_AND_KPI_RULES.or(SAFETY_AND_KPI_PORTS))
            .should().dependOnClassesThat(STORES)
            .because("the rules and their interfaces take and return domain records (DoorCounters, IngestMinute, "
                    + "SeatOrigins, IncidentLedger.Step…), "
                    + "so a fake implements the interface without a store class on the class path of the rules");

    // ---------- (b) slices follow their module layering ----------

    /** The slice modules under layers/ and the packages each holds. */
    enum Slice {
        KERNEL("audit", "auth", "aws", "config", "http", "i18n", "json", "observability", "ratelimit", "snapstart",
                "store", "text", "wiring"),
        DEVICES("devices", "signing"),
        TOKENS("tokens"),
        TELEMETRY("telemetry"),
        EVENT("event", "invite", "personal", "rsvp"),
        PAGING("paging"),
        SEATING_SERVICE("seating"),
        DOOR("checkin", "doorlist"),
        LIVE("live"),
        SAFETY("safety", "incident"),
        KPI("kpi"),
        /** layers/seating, the engine: not under core. */
        SEATING_ENGINE() {
            @Override
            String[] packages() {
                return new String[] {"io.seatpilot.seating.."};
            }
        };

        private final String[] names;

        Slice(String... names) {
            this.names = names;
        }

        String[] packages() {
            return Arrays.stream(names).map(name -> "io.seatpilot.core." + name + "..").toArray(String[]::new);
        }

        static String[] packagesOf(Set<Slice> slices) {
            return slices.stream().flatMap(s -> Stream.of(s.packages())).toArray(String[]::new);
        }
    }

    private static ArchRule mayNotDependOn(Slice slice, Set<Slice> others) {
        return noClasses().that().resideInAnyPackage(slice.packages())
                .should().dependOnClassesThat().resideInAnyPackage(Slice.packagesOf(others))
                .as(slice + " depends on none of " + others);
    }

    private static Set<Slice> allBut(Slice... allowed) {
        EnumSet<Slice> others = EnumSet.allOf(Slice.class);
        Arrays.asList(allowed).forEach(others::remove);
        return others;
    }

    @ArchTest
    static final ArchRule everyCorePackageBelongsToASlice = classes().that().resideInAPackage("io.seatpilot.core..")
            .should().resideInAnyPackage(Slice.packagesOf(EnumSet.allOf(Slice.class)))
            .because("a package outside the slice map would escape the layering rules below; add it to Slice");

    @ArchTest
    static final ArchRule kernelDependsOnNoSlice = mayNotDependOn(Slice.KERNEL, allBut(Slice.KERNEL));

    @ArchTest
    static final ArchRule devicesOnlyOnKernel = mayNotDependOn(Slice.DEVICES, allBut(Slice.DEVICES, Slice.KERNEL));

    @ArchTest
    static final ArchRule tokensOnlyOnKernel = mayNotDependOn(Slice.TOKENS, allBut(Slice.TOKENS, Slice.KERNEL));

    @ArchTest
    static final ArchRule telemetryBelowTheEventAndDoor = mayNotDependOn(Slice.TELEMETRY,
            EnumSet.of(Slice.EVENT, Slice.DOOR, Slice.SAFETY, Slice.LIVE, Slice.KPI));

    @ArchTest
    static final ArchRule eventBelowTheDoor = mayNotDependOn(Slice.EVENT,
            EnumSet.of(Slice.DOOR, Slice.SAFETY, Slice.LIVE, Slice.KPI));

    @ArchTest
    static final ArchRule doorBelowSafetyLiveAndKpi = mayNotDependOn(Slice.DOOR,
            EnumSet.of(Slice.SAFETY, Slice.LIVE, Slice.KPI));

    @ArchTest
    static final ArchRule liveBesideTheDoor = mayNotDependOn(Slice.LIVE, EnumSet.of(Slice.DOOR, Slice.SAFETY, Slice.KPI));

    @ArchTest
    static final ArchRule safetyBelowKpi = mayNotDependOn(Slice.SAFETY, EnumSet.of(Slice.KPI));

    // ---------- (c) no local stack or bench code in what is deployed ----------

    @ArchTest
    static final ArchRule noLocalOrBenchClasses = noClasses()
            .should().resideInAnyPackage("io.seatpilot.local..", "io.seatpilot.bench..")
            .because("layers and functions are deployed; the local stack and the benchmarks are not (see also FunctionJarContentsTest)");

    @ArchTest
    static final ArchRule nothingReachesLocalOrBench = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.seatpilot.local..", "io.seatpilot.bench..")
            .because("layers and functions are deployed; the local stack and the benchmarks are not");

    // ---------- (d) no function reaches into another ----------

    /**
     * Each function is its own package under {@code io.seatpilot} (everything but the slices under core and the
     * seating engine): what two functions share belongs in a slice.
     */
    @ArchTest
    static final ArchRule functionsDoNotDependOnEachOther = slices().matching("io.seatpilot.(*)..")
            .namingSlices("package io.seatpilot.$1")
            .should().notDependOnEachOther()
            .ignoreDependency(alwaysTrue(), resideInAnyPackage("io.seatpilot.core..", "io.seatpilot.seating.."))
            .because("a function depends on slices only; what two functions share belongs in a slice");

    // ---------- (e) one way to learn who calls ----------

    /** A call that verifies a credential: a device's signature (SPEC §4) or a person's JWT. */
    static final DescribedPredicate<JavaMethodCall> VERIFIES_A_CREDENTIAL = DescribedPredicate.describe(
            "verify on SignedRequests, SignedRequestVerifier, BearerTokens or TokenVerifier",
            call -> call.getTarget().getName().equals("verify") && Stream.of(Callers.SignedRequests.class,
                    SignedRequestVerifier.class, Callers.BearerTokens.class, TokenVerifier.class)
                    .anyMatch(call.getTarget().getOwner()::isAssignableTo));

    /**
     * Handlers hand their verifiers to {@code Callers} (issue 12 item 3) and verify nothing themselves: only the
     * kernel's auth package calls the verifiers, reads a JWT's claims into a principal, and only the signing and
     * tokens packages (the verifiers themselves) compute an HMAC or parse a JWT. A handler that checked a
     * credential on its own would refuse in its own way, or forget the nonce, the role or the event scope.
     */
    @ArchTest
    static final ArchRule onlyCallersVerifyCredentials = noClasses().that()
            .resideOutsideOfPackages("io.seatpilot.core.auth..", "io.seatpilot.core.signing..", "io.seatpilot.core.tokens..")
            .should().callMethodWhere(VERIFIES_A_CREDENTIAL)
            .orShould().callMethod(JwtClaims.class, "toPrincipal", Map.class)
            .orShould().dependOnClassesThat().resideInAPackage("com.nimbusds..")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.seatpilot.core.signing.HmacSha256")
            .because("every handler learns its caller through Callers (device or person, roles, event scope, nonce)");
}
