package dev.wedge.host.run;

import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.app.App;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.HttpGuestContext;
import dev.wedge.host.http.ResponseBuilder;
import dev.wedge.host.kv.KvAccess;
import dev.wedge.host.kv.KvGuestContext;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.queue.QueueAccess;
import dev.wedge.host.queue.QueueGuestContext;
import dev.wedge.host.wasi.BoundedOutput;
import dev.wedge.host.wasi.WasiContext;
import dev.wedge.queue.Message;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Everything one request's (or one queue message's) host calls can see and change. Lives exactly as long as the
 * instance.
 */
final class RequestScope implements HttpGuestContext, WasiContext, KvGuestContext, QueueGuestContext {

    record LogLine(int level, String text) {}

    /** What the instance was created for. */
    enum Purpose {
        HTTP,
        WAGI,
        MESSAGE
    }

    /** The capabilities an app reaches through its bindings, for one request. */
    record Access(KvAccess kv, QueueAccess queues) {}

    private final App app;
    private final AppRequest request;
    private final Message message;
    private final ResponseBuilder response;
    private final List<String> args;
    private final List<String> environ;
    private final BoundedOutput stdout;
    private final BoundedOutput stderr;
    private final List<LogLine> logLines = new ArrayList<>();
    private long logBytes;
    private boolean logTruncated;
    private int stdinPosition;
    private Integer exitCode;
    private final Access access;
    private final ResultMemo memo = new ResultMemo();

    /** @param request null for a message; @param message null for a request */
    RequestScope(App app, Purpose purpose, AppRequest request, Message message, List<String> args,
            List<String> environ, Access access) {
        this.app = app;
        this.request = request;
        this.message = message;
        this.access = access;
        Limits limits = app.config().limits();
        boolean wagi = purpose == Purpose.WAGI;
        this.response = purpose == Purpose.HTTP ? new ResponseBuilder(limits.maxResponseBodyBytes()) : null;
        this.args = args;
        this.environ = environ;
        this.stdout = wagi
                ? BoundedOutput.strict(limits.maxResponseBodyBytes() + CgiResponse.MAX_HEADER_BLOCK)
                : BoundedOutput.lenient(limits.maxLogBytes());
        this.stderr = BoundedOutput.lenient(limits.maxLogBytes());
    }

    @Override
    public AppRequest request() {
        return request;
    }

    @Override
    public ResponseBuilder response() {
        return response;
    }

    @Override
    public Map<String, String> env() {
        return app.config().env();
    }

    @Override
    public Map<String, String> secrets() {
        return app.config().secrets();
    }

    @Override
    public long logRoom() {
        return Math.max(0, app.config().limits().maxLogBytes() - logBytes);
    }

    /** Each line costs its bytes plus one, so a flood of empty lines is capped too. */
    @Override
    public void log(int level, String message) {
        if (logRoom() > 0) {
            logBytes += message.getBytes(StandardCharsets.UTF_8).length + 1L;
            logLines.add(new LogLine(level, message));
        } else {
            logTruncated = true;
        }
    }

    boolean logTruncated() {
        return logTruncated;
    }

    List<LogLine> logLines() {
        return logLines;
    }

    @Override
    public List<String> args() {
        return args;
    }

    @Override
    public List<String> environ() {
        return environ;
    }

    @Override
    public byte[] stdin() {
        return request != null && app.kind() == AppKind.WAGI ? request.body() : new byte[0];
    }

    @Override
    public int stdinPosition() {
        return stdinPosition;
    }

    @Override
    public void stdinPosition(int position) {
        this.stdinPosition = position;
    }

    @Override
    public BoundedOutput stdout() {
        return stdout;
    }

    @Override
    public BoundedOutput stderr() {
        return stderr;
    }

    @Override
    public KvAccess kv() {
        return access.kv();
    }

    @Override
    public QueueAccess queues() {
        return access.queues();
    }

    @Override
    public Message message() {
        return message;
    }

    @Override
    public ResultMemo memo() {
        return memo;
    }

    @Override
    public void exited(int code) {
        exitCode = code;
    }

    /** The guest's {@code proc_exit} code, or null when it did not call it. */
    Integer exitCode() {
        return exitCode;
    }
}
