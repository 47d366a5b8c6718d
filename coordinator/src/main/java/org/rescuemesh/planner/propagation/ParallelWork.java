package org.rescuemesh.planner.propagation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs one task on several threads at once (each copy takes its share of a common work counter)
 * and rethrows the first failure on the caller's thread. One thread runs the task in place.
 */
public final class ParallelWork {
    private ParallelWork() {
    }

    public static void run(int threads, Runnable work) {
        if (threads == 1) {
            work.run();
            return;
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    work.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, Thread.currentThread().getName() + "-" + t);
            th.start();
            workers.add(th);
        }
        for (Thread th : workers) {
            try {
                th.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("coverage computation interrupted", e);
            }
        }
        Throwable f = failure.get();
        if (f instanceof RuntimeException re) {
            throw re;
        }
        if (f instanceof Error err) {
            throw err;
        }
    }
}
