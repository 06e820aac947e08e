extension Double {
    /// The value truncated to an `Int`, clamped to `Int`'s range (NaN becomes 0), so that
    /// numbers taken from expressions can never trap a conversion.
    var saturatingInt: Int {
        if isNaN { return 0 }
        if self >= 9.2e18 { return Int.max }
        if self <= -9.2e18 { return Int.min }
        return Int(self.rounded(.towardZero))
    }
}
