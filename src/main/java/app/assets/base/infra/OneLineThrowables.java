package app.assets.base.infra;

import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import java.util.Arrays;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * Spring Boot's stack trace converter ({@code %wEx} in logback-spring.xml) with each exception's
 * message on one line: an exception message often quotes what a visitor typed ("For input string:
 * ..."), so its CR, LF and control characters are escaped like log arguments ({@link OneLineArguments}).
 */
public class OneLineThrowables extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    protected String throwableProxyToString(IThrowableProxy throwable) {
        return super.throwableProxyToString(new OneLine(throwable));
    }

    /** The same throwable with its messages, and those of its causes and suppressed ones, escaped. */
    record OneLine(IThrowableProxy throwable) implements IThrowableProxy {

        @Override
        public String getMessage() {
            return throwable.getMessage() == null ? null : OneLineArguments.escape(throwable.getMessage());
        }

        @Override
        public String getOverridingMessage() {
            return throwable.getOverridingMessage() == null
                    ? null
                    : OneLineArguments.escape(throwable.getOverridingMessage());
        }

        @Override
        public String getClassName() {
            return throwable.getClassName();
        }

        @Override
        public StackTraceElementProxy[] getStackTraceElementProxyArray() {
            return throwable.getStackTraceElementProxyArray();
        }

        @Override
        public int getCommonFrames() {
            return throwable.getCommonFrames();
        }

        @Override
        public IThrowableProxy getCause() {
            return throwable.getCause() == null ? null : new OneLine(throwable.getCause());
        }

        @Override
        public IThrowableProxy[] getSuppressed() {
            var suppressed = throwable.getSuppressed();
            return suppressed == null
                    ? null
                    : Arrays.stream(suppressed).map(OneLine::new).toArray(IThrowableProxy[]::new);
        }

        @Override
        public boolean isCyclic() {
            return throwable.isCyclic();
        }
    }
}
