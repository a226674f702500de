package io.seatpilot.core.snapstart;

/**
 * A function's first-call paths, run once before its SnapStart snapshot (see {@link Priming}). A primer touches no
 * production data: it sends nothing to DynamoDB, SQS or KMS (AWS calls go to {@link OfflineClients}), so it may run
 * wherever the function is initialised.
 */
@FunctionalInterface
public interface Primer {

    void prime() throws Exception;
}
