package io.seatpilot.core.store;

/**
 * Every partition key of the single table starts with {@code T#<tenant>#}: no read or write can reach another
 * tenant's items without naming that tenant, and the tenant only ever comes from the credential.
 */
public final class Keys {

    public static final String PK = "pk";
    public static final String SK = "sk";
    public static final String EXPIRES_AT = "expires_at";

    private Keys() {
    }

    public static String tenant(String tenantId, String... parts) {
        StringBuilder key = new StringBuilder("T#").append(tenantId);
        for (String part : parts) {
            key.append('#').append(part);
        }
        return key.toString();
    }
}
