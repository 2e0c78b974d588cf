export const typeDefs = /* GraphQL */ `
  enum Role {
    LEARNER
    ADMIN
  }

  type User {
    id: ID!
    handle: String!
    "Visible to the user themself and to admins only."
    email: String
    role: Role!
    timeZone: String!
    "Visible to the user themself only: the language they chose (setPreferredLocale); null when not chosen."
    preferredLocale: Locale
    createdAt: DateTime!
  }

  type AuthPayload {
    "Bearer token: send it as Authorization: Bearer <token>. Shown once."
    token: String!
    user: User!
  }

  input SignUpInput {
    email: String!
    handle: String!
    password: String!
    "IANA time zone used for streaks, e.g. Asia/Shanghai. Default UTC."
    timeZone: String
  }

  input LogInInput {
    email: String!
    password: String!
  }

  # The root types are declared here; every other module extends them.
  type Query {
    me: User
  }

  type Mutation {
    signUp(input: SignUpInput!): AuthPayload!
    logIn(input: LogInInput!): AuthPayload!
    "Revokes the token this request was made with."
    logOut: Boolean!
    """
    Signed-in only: the language of every text field whose locale argument is omitted, and of error messages,
    from this request on (it outranks Accept-Language). Returns the user.
    """
    setPreferredLocale(locale: Locale!): User!
  }
`;
