package app.assets.base.infra;

import java.util.List;

/** Start-up refused in production: every unsafe setting found, one line each. */
public class UnsafeSettingsException extends IllegalStateException {

    private final List<String> problems;

    public UnsafeSettingsException(List<String> problems) {
        super("Assets refuses to start with assets.environment=production and these unsafe settings:"
                + System.lineSeparator()
                + String.join(
                        System.lineSeparator(),
                        problems.stream().map(p -> " - " + p).toList()));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
