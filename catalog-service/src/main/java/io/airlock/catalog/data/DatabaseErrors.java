package io.airlock.catalog.data;

import java.sql.SQLException;

/** Tells "PostgreSQL cannot be reached" apart from every other failure, wherever it surfaces. */
public final class DatabaseErrors {
    private DatabaseErrors() {}

    /**
     * True when {@code e} comes from not reaching PostgreSQL: a connection error (SQLState class 08), the server
     * shutting down (57P), too many connections (53300), or the pool timing out while waiting for a connection.
     */
    public static boolean isUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.equals("53300"))) {
                    return true;
                }
                String message = sql.getMessage();
                if (message != null && message.contains("Acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
