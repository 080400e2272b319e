package io.dataflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** A number of requests sent by concurrent client threads, each sending its next request as soon as one answers. */
final class Burst {

    /** One request; throws when it did not get the expected answer. */
    interface Request {
        void send() throws Exception;
    }

    private Burst() {
    }

    /**
     * Sends {@code count} requests from {@code clients} threads; returns each request's round trip in milliseconds.
     * The first failure stops every client and is thrown.
     */
    static List<Double> send(int clients, int count, Request request) throws Exception {
        AtomicInteger next = new AtomicInteger();
        Queue<Double> roundTrips = new ConcurrentLinkedQueue<>();
        Callable<Void> client = () -> {
            while (next.getAndIncrement() < count) {
                long sent = System.nanoTime();
                request.send();
                roundTrips.add(Millis.since(sent));
            }
            return null;
        };
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                running.add(pool.submit(client));
            }
            for (Future<Void> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    next.set(count); // stop the other clients too
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return new ArrayList<>(roundTrips);
    }
}
