import JWTKit

/// The claims of a Cognito ID token.
public struct IDTokenClaims: ExpiringClaims, Equatable {
    public var sub: SubjectClaim
    public var username: String
    public var email: String
    public var emailVerified: Bool
    public var tokenUse: String
    public var audience: AudienceClaim
    public var issuer: IssuerClaim
    public var issuedAt: IssuedAtClaim
    public var authTime: Int
    public var expiration: ExpirationClaim

    enum CodingKeys: String, CodingKey {
        case sub, email
        case username = "cognito:username", emailVerified = "email_verified", tokenUse = "token_use"
        case audience = "aud", issuer = "iss", issuedAt = "iat", authTime = "auth_time", expiration = "exp"
    }

}

/// The claims of a Cognito access token.
struct AccessTokenClaims: ExpiringClaims {
    var sub: SubjectClaim
    var username: String
    var clientId: String
    var tokenUse: String
    var scope: String
    var issuer: IssuerClaim
    var issuedAt: IssuedAtClaim
    var expiration: ExpirationClaim

    enum CodingKeys: String, CodingKey {
        case sub, username, scope
        case clientId = "client_id", tokenUse = "token_use", issuer = "iss", issuedAt = "iat", expiration = "exp"
    }
}

/// A refresh token. (Cognito's are opaque; ours are signed, so they survive a server restart.)
struct RefreshTokenClaims: ExpiringClaims {
    var sub: SubjectClaim
    var username: String
    var email: String
    var clientId: String
    var tokenUse: String
    var id: IDClaim
    var issuer: IssuerClaim
    var expiration: ExpirationClaim

    enum CodingKeys: String, CodingKey {
        case sub, username, email
        case clientId = "client_id", tokenUse = "token_use", id = "jti", issuer = "iss", expiration = "exp"
    }
}

/// Claims whose only check, once the signature is good, is that they have not expired.
protocol ExpiringClaims: JWTPayload {
    var expiration: ExpirationClaim { get }
}

extension ExpiringClaims {
    public func verify(using algorithm: some JWTAlgorithm) async throws {
        try expiration.verifyNotExpired()
    }
}
