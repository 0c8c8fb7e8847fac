public enum APISpecPlaceholder {}
