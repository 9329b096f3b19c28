package app.assets.base.crypto;

/**
 * A column holding {@link FieldEncryptor} ciphertexts, declared as a bean by the module that owns
 * the table, so the key rotation finds every sealed value without naming other modules' tables.
 * Each value is sealed for {@code FieldEncryptor.context(table, column, <value of keyColumn>)}.
 *
 * @param table     the table
 * @param keyColumn the column whose value names the row in the ciphertext's context (unique, sortable)
 * @param column    the sealed column
 */
public record SealedColumn(String table, String keyColumn, String column) {

    public SealedColumn {
        for (String name : new String[] {table, keyColumn, column}) {
            if (name == null || !name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("Not a plain SQL name: " + name);
            }
        }
    }

    /** "table.column", as shown to ADMIN. */
    public String label() {
        return table + "." + column;
    }

    /** The context a value of the row keyed {@code key} is sealed for. */
    public String context(Object key) {
        return FieldEncryptor.context(table, column, key);
    }
}
