package org.factdesk.ruling;

import org.factdesk.TestApi.Actor;

/** Lets tests of features above rulings get a claim rated the way the ruling tests do. */
public final class PublishedRulings {

    private PublishedRulings() {
    }

    /** A claim with one cited link and a ruling with this verdict, drafted by the checker and approved by the editor. */
    public static long ratedClaim(Actor checker, Actor editor, String statement, String verdict) {
        long claimId = RulingKit.researchingClaim(checker, checker, statement);
        long link = RulingKit.addLink(checker, claimId, "https://gov.example.ec/statement", "https://archive.example.org/1");
        long rulingId = RulingKit.draftOk(checker, claimId, RulingKit.draftBody(verdict, java.util.List.of(link)));
        RulingKit.approve(editor, rulingId).then().statusCode(200);
        return claimId;
    }
}
