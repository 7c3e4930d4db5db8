package org.claimscrub.concurrent;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HandoffTest {

    @Test
    void everyBatchReachesTheConsumerInOrderBeforeFinishReturns() throws IOException {
        List<Integer> taken = new ArrayList<>();
        try (Handoff<Integer> handoff = new Handoff<>("test-consumer", taken::add)) {
            for (int i = 0; i < 1_000; i++) {
                handoff.submit(i);
            }
            handoff.finish();
        }
        assertEquals(IntStream.range(0, 1_000).boxed().toList(), taken);
    }

    @Test
    void anIoExceptionOfTheConsumerReachesTheProducerAsOne() {
        IOException disk = new IOException("disk full");
        IOException thrown = assertThrows(IOException.class, () -> {
            try (Handoff<Integer> handoff = new Handoff<>("test-consumer", batch -> {
                throw disk;
            })) {
                for (int i = 0; i < 100; i++) {
                    handoff.submit(i);
                }
                handoff.finish();
            }
        });
        assertSame(disk, thrown.getCause());
    }

    @Test
    void anUncheckedExceptionOfTheConsumerIsThrownAsItIs() {
        IllegalStateException bug = new IllegalStateException("bug");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> {
            try (Handoff<Integer> handoff = new Handoff<>("test-consumer", batch -> {
                throw bug;
            })) {
                handoff.submit(1);
                handoff.finish();
            }
        });
        assertSame(bug, thrown);
    }

    @Test
    void closeAbandonsWhatIsStillQueuedAndEndsTheThread() throws Exception {
        CountDownLatch firstTaken = new CountDownLatch(1);
        List<Integer> taken = new ArrayList<>();
        Handoff<Integer> handoff = new Handoff<>("test-consumer", batch -> {
            taken.add(batch);
            firstTaken.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        handoff.submit(1);
        handoff.submit(2);
        handoff.submit(3);
        firstTaken.await();
        handoff.close();
        assertEquals(List.of(1), taken, "nothing taken after close");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("test-consumer")
                && t.isAlive()), "the consumer thread has ended");
    }
}
