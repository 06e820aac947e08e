import StatesLanguage
import Foundation

/// Pagination as the API does it: `maxResults` (0 or absent means the default) and an opaque
/// `nextToken` that is valid only for the same listing.
struct APIPage: Sendable {
    /// Where the page starts.
    var offset: Int
    /// How many items it holds at most.
    var size: Int

    /// Reads `maxResults` and `nextToken` from a request.
    ///
    /// - Parameters:
    ///   - defaultSize: the page size when `maxResults` is absent or 0 (100 for most listings).
    ///   - listing: names the listing, so a token from another listing is refused.
    /// - Throws: `ValidationException` for a bad `maxResults`, `InvalidToken` for a token not made here.
    init(_ request: APIRequest, defaultSize: Int = 100, maximumSize: Int = 1000, listing: String) throws(APIError) {
        let requested = try request.integer("maxResults", in: 0...maximumSize) ?? 0
        size = requested == 0 ? defaultSize : requested
        offset = 0
        if let token = try request.string("nextToken", maximumLength: 1024) {
            guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
                let colon = text.lastIndex(of: ":"), text[..<colon] == listing,
                let value = Int(text[text.index(after: colon)...]), value >= 0
            else { throw .invalidToken("Invalid Token: '\(token)'") }
            offset = value
        }
        self.listing = listing
    }

    private let listing: String

    /// The items of this page, and the token of the next when there are more.
    func slice<T>(_ items: [T]) -> (items: ArraySlice<T>, nextToken: String?) {
        let start = min(offset, items.count)
        let end = min(start + size, items.count)
        let next = end < items.count ? Data("\(listing):\(end)".utf8).base64EncodedString() : nil
        return (items[start..<end], next)
    }
}
