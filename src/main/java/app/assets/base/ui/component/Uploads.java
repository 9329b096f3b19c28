package app.assets.base.ui.component;

import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;

/** Gives an Upload's own texts (add and drop) in the user's language; the rest keeps Vaadin's defaults. */
public final class Uploads {

    private Uploads() {}

    public static Upload translated(Upload upload) {
        var i18n = new UploadI18N();
        i18n.setAddFiles(new UploadI18N.AddFiles()
                .setOne(upload.getTranslation("upload.addOne"))
                .setMany(upload.getTranslation("upload.addMany")));
        i18n.setDropFiles(new UploadI18N.DropFiles()
                .setOne(upload.getTranslation("upload.dropOne"))
                .setMany(upload.getTranslation("upload.dropMany")));
        upload.setI18n(i18n);
        return upload;
    }
}
