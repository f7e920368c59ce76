package dev.wedge.host.app;

/**
 * Names one capability's part of an app's settings in {@link CapabilitySettings}, with the value an app that
 * sets none of it gets.
 */
public record SettingsKey<A>(String name, A defaultValue) {}
