import Crypto
import CryptoExtras
import Foundation
import JWTKit
import Synchronization

/// The local stand-in for a Cognito user pool: RS256 ID, access and refresh tokens with the claims
/// Cognito puts in them, signed by a key that is kept beside the database so tokens outlive restarts.
public final class LocalAuth: Sendable {
    public let issuer: String
    public let clientId: String
    public let keyId: String
    let keys: JWTKeyCollection
    private let publicKey: JWTKit.Insecure.RSA.PublicKey
    private let codes = Mutex<[String: (username: String, redirectURI: String, expires: Date)]>([:])
    private let revoked = Mutex<Set<String>>([])
    /// How long ID and access tokens live; Cognito's default is an hour.
    public var tokenLifetime: TimeInterval { 3600 }

    /// Loads the signing key from `keyFile` (PEM), creating it there when missing; nil keeps it in memory.
    public init(issuer: String, clientId: String = "chatsite-local", keyFile: String?) async throws {
        self.issuer = issuer
        self.clientId = clientId
        let privateKey: JWTKit.Insecure.RSA.PrivateKey
        if let keyFile, let pem = try? String(contentsOfFile: keyFile, encoding: .utf8) {
            privateKey = try JWTKit.Insecure.RSA.PrivateKey(pem: pem)
        } else {
            let backing = try _RSA.Signing.PrivateKey(keySize: .bits2048)
            privateKey = try JWTKit.Insecure.RSA.PrivateKey(pem: backing.pemRepresentation)
            if let keyFile {
                try FileManager.default.createDirectory(
                    atPath: (keyFile as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                FileManager.default.createFile(
                    atPath: keyFile, contents: Data(backing.pemRepresentation.utf8),
                    attributes: [.posixPermissions: 0o600])
            }
        }
        publicKey = privateKey.publicKey
        let der = SHA256.hash(data: publicKey.derRepresentation)
        keyId = der.prefix(8).map { String(format: "%02x", $0) }.joined()
        keys = JWTKeyCollection()
        await keys.add(rsa: privateKey, digestAlgorithm: .sha256, kid: JWKIdentifier(string: keyId))
    }

    /// The user's tokens, as Cognito's token endpoint returns them.
    public func tokens(for user: (id: String, username: String, email: String)) async throws -> TokenSet {
        let now = Date()
        let expires = ExpirationClaim(value: now.addingTimeInterval(tokenLifetime))
        let id = IDTokenClaims(
            sub: .init(value: user.id), username: user.username, email: user.email, emailVerified: true,
            tokenUse: "id", audience: .init(value: [clientId]), issuer: .init(value: issuer),
            issuedAt: .init(value: now), authTime: Int(now.timeIntervalSince1970), expiration: expires)
        let access = AccessTokenClaims(
            sub: .init(value: user.id), username: user.username, clientId: clientId, tokenUse: "access",
            scope: "openid email profile", issuer: .init(value: issuer), issuedAt: .init(value: now),
            expiration: expires)
        let refresh = RefreshTokenClaims(
            sub: .init(value: user.id), username: user.username, email: user.email, clientId: clientId,
            tokenUse: "refresh", id: .init(value: UUID().uuidString), issuer: .init(value: issuer),
            expiration: .init(value: now.addingTimeInterval(30 * 24 * 3600)))
        return TokenSet(
            idToken: try await keys.sign(id, kid: JWKIdentifier(string: keyId)),
            accessToken: try await keys.sign(access, kid: JWKIdentifier(string: keyId)),
            refreshToken: try await keys.sign(refresh, kid: JWKIdentifier(string: keyId)),
            expiresIn: Int(tokenLifetime))
    }

    /// Verifies an ID token (signature, issuer, audience, expiry, `token_use`) and returns its claims.
    /// The `Authorization` value may carry it with or without `Bearer `, as API Gateway accepts.
    public func verifyIDToken(_ header: String) async throws -> IDTokenClaims {
        var token = header.trimmingCharacters(in: .whitespaces)
        if token.lowercased().hasPrefix("bearer ") {
            token = String(token.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        }
        let claims = try await keys.verify(token, as: IDTokenClaims.self)
        guard claims.issuer.value == issuer else {
            throw AuthError.invalid("the token was issued by \(claims.issuer.value)")
        }
        guard claims.audience.value.contains(clientId) else {
            throw AuthError.invalid("the token is for another client")
        }
        guard claims.tokenUse == "id" else {
            throw AuthError.invalid("an ID token is required, not an \(claims.tokenUse) token")
        }
        return claims
    }

    /// New ID and access tokens for a refresh token that is valid and not revoked.
    public func refresh(_ token: String) async throws -> TokenSet {
        let claims = try await keys.verify(token, as: RefreshTokenClaims.self)
        guard claims.tokenUse == "refresh", claims.issuer.value == issuer, claims.clientId == clientId,
            !revoked.withLock({ $0.contains(claims.id.value) })
        else { throw AuthError.invalid("the refresh token is not valid") }
        var set = try await tokens(for: (claims.sub.value, claims.username, claims.email))
        set.refreshToken = token
        return set
    }

    /// Revokes a refresh token (logout); later refreshes with it fail.
    public func revoke(_ token: String) async {
        guard let claims = try? await keys.verify(token, as: RefreshTokenClaims.self) else { return }
        revoked.withLock { _ = $0.insert(claims.id.value) }
    }

    /// A one-time authorization code for the hosted sign-in flow, valid for five minutes.
    public func issueCode(username: String, redirectURI: String) -> String {
        let code = UUID().uuidString.lowercased()
        codes.withLock { $0[code] = (username, redirectURI, Date().addingTimeInterval(300)) }
        return code
    }

    /// Redeems a code once; nil when unknown, expired, used, or for another redirect URI.
    public func redeem(code: String, redirectURI: String?) -> String? {
        codes.withLock { codes in
            guard let entry = codes.removeValue(forKey: code), entry.expires > Date() else { return nil }
            if let redirectURI, redirectURI != entry.redirectURI { return nil }
            return entry.username
        }
    }

    /// The JSON Web Key Set clients verify tokens with.
    public func jwks() throws -> [String: [[String: String]]] {
        let (modulus, exponent) = try publicKey.getKeyPrimitives()
        return [
            "keys": [
                [
                    "kty": "RSA", "alg": "RS256", "use": "sig", "kid": keyId,
                    "n": modulus.base64URLEncodedString(), "e": exponent.base64URLEncodedString(),
                ]
            ]
        ]
    }
}

/// The tokens of one sign-in, named as Cognito's token endpoint names them in JSON.
public struct TokenSet: Codable, Sendable {
    public var idToken: String
    public var accessToken: String
    public var refreshToken: String
    public var expiresIn: Int
    public var tokenType = "Bearer"

    enum CodingKeys: String, CodingKey {
        case idToken = "id_token", accessToken = "access_token", refreshToken = "refresh_token"
        case expiresIn = "expires_in", tokenType = "token_type"
    }
}

public enum AuthError: Error, Equatable {
    case invalid(String)
}

extension Data {
    func base64URLEncodedString() -> String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
