/// The inputs of a Map Run's child executions, pulled from its items one child at a time: an item
/// (through `ItemSelector`), or a batch of items when there is an `ItemBatcher`.
///
/// Once the Map Run stops early, what it has left goes to `PENDING_n.json`.
final class ChildInputs {
    private let source: ItemFeed
    private let batching: ExecutionRunner.Batching?
    private let select: @Sendable (JSONValue, Int) throws -> JSONValue
    /// An item read for a batch it did not fit in, waiting for the next batch.
    private var carry: JSONValue?
    private var batchCount = 0
    /// Whether the items have all been read.
    private(set) var isExhausted = false
    /// How many items were read so far.
    private(set) var itemCount = 0

    /// The number of items when they came from the input (0 otherwise).
    var arrayCount: Int { source.arrayCount }

    init(
        source: ItemFeed, batching: ExecutionRunner.Batching?,
        select: @escaping @Sendable (JSONValue, Int) throws -> JSONValue
    ) {
        self.source = source
        self.batching = batching
        self.select = select
    }

    /// The next child's input: its index (the item's, or the batch's), the input, and how many items it holds.
    func next() async throws -> (index: Int, input: JSONValue, items: Int)? {
        if isExhausted { return nil }
        guard let batching else {
            guard let item = try await source.next() else {
                isExhausted = true
                return nil
            }
            let index = itemCount
            itemCount += 1
            return (index, try select(item, index), 1)
        }
        var batch: [JSONValue] = []
        var bytes = 0
        while batching.maxItems.map({ batch.count < $0 }) ?? true {
            let next: JSONValue
            if let pending = carry {
                next = pending
                carry = nil
            } else if let item = try await source.next() {
                next = try select(item, itemCount)
                itemCount += 1
            } else {
                isExhausted = true
                break
            }
            if let maxBytes = batching.maxBytes {
                let size = next.jsonString().utf8.count + 1
                if !batch.isEmpty, bytes + size > maxBytes {
                    carry = next
                    break
                }
                bytes += size
            }
            batch.append(next)
        }
        guard !batch.isEmpty else { return nil }
        var input: JSONObject = ["Items": .array(batch)]
        if let batchInput = batching.batchInput { input["BatchInput"] = batchInput }
        let index = batchCount
        batchCount += 1
        return (index, .object(input), batch.count)
    }
}
