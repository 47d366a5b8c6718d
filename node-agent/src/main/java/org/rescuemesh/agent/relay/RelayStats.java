package org.rescuemesh.agent.relay;

/**
 * Counters of the relay core, a snapshot.
 *
 * @param accepted          messages accepted from the local API
 * @param received          messages stored after a member handed them over
 * @param duplicates        hand-overs of a message already held (answered with the receipt again)
 * @param refused           hand-overs refused as malformed
 * @param expiredOnArrival  hand-overs of a message whose lifetime had already run out
 * @param handOvers         message copies sent to members (retries included)
 * @param receiptsSent      receipts sent
 * @param receiptsLearned   receipts that were new here
 * @param storeFailures     journal writes that failed (the message was refused)
 * @param journalTailBytes  bytes of a torn or corrupt journal tail dropped at start
 * @param compactions       journal compactions
 * @param held              messages kept now (sent, received, carried; until a day after expiry)
 */
public record RelayStats(long held, long accepted, long received, long duplicates, long refused, long expiredOnArrival,
                         long handOvers, long receiptsSent, long receiptsLearned, long storeFailures,
                         long journalTailBytes, long compactions) {
}
