package io.seatpilot.local.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FunctionOutputTest {

    @Test
    void linesPrintedWhileServingAndByThreadsTheInvocationStartsAreTheFunctions() throws Exception {
        FunctionOutput a = new FunctionOutput(false);
        FunctionOutput b = new FunctionOutput(false);
        long mark = a.written();
        a.serve(() -> {
            System.out.println("{\"_aws\":1}");
            System.out.print("two ");
            System.out.print("halves\nunfinished");
            Thread started = Thread.ofVirtual().start(() -> System.out.println("from a thread it started"));
            started.join();
            return null;
        });
        b.serve(() -> {
            System.out.println("b's line");
            return null;
        });
        System.out.println("the stack's own line stays on stdout");

        assertEquals(List.of("{\"_aws\":1}", "two halves", "from a thread it started", "unfinished"), a.since(mark));
        assertEquals(List.of("b's line"), b.since(b.written() - 1));
    }

    @Test
    void theLastLinesAreKeptAndAMarkOlderThanThemGivesWhatIsLeft() throws Exception {
        FunctionOutput output = new FunctionOutput(false);
        long mark = output.written();
        output.serve(() -> {
            IntStream.range(0, FunctionOutput.KEPT + 5).forEach(i -> System.out.println("line " + i));
            return null;
        });
        List<String> kept = output.since(mark);
        assertEquals(FunctionOutput.KEPT, kept.size());
        assertEquals("line 5", kept.getFirst());
        assertEquals(List.of("line " + (FunctionOutput.KEPT + 4)), output.since(output.written() - 1));
        assertEquals(List.of(), output.since(output.written()));
    }
}
