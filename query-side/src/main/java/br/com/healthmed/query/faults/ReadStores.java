package br.com.healthmed.query.faults;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

/** The query side's own store beyond the shared ones: MongoDB's driver failing to reach a server. */
public final class ReadStores {

    private ReadStores() {
    }

    public static boolean unreachable(Throwable failure) {
        return failure instanceof MongoTimeoutException || failure instanceof MongoSocketException;
    }
}
