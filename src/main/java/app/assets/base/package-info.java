/**
 * Shared kernel: money and error types, security vocabulary, i18n, infrastructure and the shared
 * UI (main layout, components). Open to every other module; it depends on none of them.
 */
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package app.assets.base;

import org.springframework.modulith.ApplicationModule;
