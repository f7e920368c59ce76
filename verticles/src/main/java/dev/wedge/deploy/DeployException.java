package dev.wedge.deploy;

/**
 * A deploy, rollback or other change refused: the HTTP status the admin API answers with, a short
 * machine-readable code, and a message saying what to fix.
 */
public final class DeployException extends RuntimeException {

    private final int status;
    private final String code;

    public DeployException(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static DeployException notFound(String app) {
        return new DeployException(404, "no-such-app", "no app named '" + app + "' is deployed");
    }

    static DeployException badRequest(String code, String message) {
        return new DeployException(400, code, message);
    }
}
