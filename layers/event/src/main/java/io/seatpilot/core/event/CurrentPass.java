package io.seatpilot.core.event;

/** The pass that is valid now for a guest ({@code G#id}) or a household ({@code H#id}) of the event. */
public record CurrentPass(String holder, String passHash, String codeSlowHash) {
    public boolean isGuest() {
        return holder.startsWith("G#");
    }

    public String holderId() {
        return holder.substring(2);
    }
}
