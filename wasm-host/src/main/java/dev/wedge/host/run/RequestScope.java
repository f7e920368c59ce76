package dev.wedge.host.run;

import dev.wedge.host.app.App;
import dev.wedge.host.app.AppKind;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.HttpGuestContext;
import dev.wedge.host.http.ResponseBuilder;
import dev.wedge.host.kv.KvAccess;
import dev.wedge.host.kv.KvGuestContext;
import dev.wedge.host.abi.ResultMemo;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.wasi.BoundedOutput;
import dev.wedge.host.wasi.WasiContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything one request's host calls can see and change. Lives exactly as long as the instance. */
final class RequestScope implements HttpGuestContext, WasiContext, KvGuestContext {

    record LogLine(int level, String text) {}

    private final App app;
    private final AppRequest request;
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
    private final KvAccess kv;
    private final ResultMemo memo = new ResultMemo();

    RequestScope(App app, AppRequest request, List<String> args, List<String> environ, KvAccess kv) {
        this.app = app;
        this.request = request;
        this.kv = kv;
        Limits limits = app.config().limits();
        boolean wagi = app.kind() == AppKind.WAGI;
        this.response = wagi ? null : new ResponseBuilder(limits.maxResponseBodyBytes());
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
        return app.kind() == AppKind.WAGI ? request.body() : new byte[0];
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
        return kv;
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
