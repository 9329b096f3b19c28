package app.assets.base.infra;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused production start-up as Spring Boot's "APPLICATION FAILED TO START" report, without a stack trace. */
public class UnsafeSettingsFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSettingsException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSettingsException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix every setting listed above (environment variables in brackets; see the README's configuration table),"
                        + " or leave assets.environment unset for a local development run.",
                cause);
    }
}
