package http

import (
	"net/http"

	"github.com/recto-archive/recto"
)

// agentsPerPage is the length of a page of the people and organisations list.
const agentsPerPage = 100

func (s *Server) handleAgentIndex(w http.ResponseWriter, r *http.Request) error {
	kind := recto.AgentKind(r.URL.Query().Get("kind"))
	if kind != "" && kind != recto.Person && kind != recto.Organisation {
		return recto.Errorf(recto.EINVALID, "The kind %q is neither person nor organisation.", kind)
	}
	n, err := pageNumber(r)
	if err != nil {
		return err
	}
	agents, total, err := s.Catalogue.FindAgents(r.Context(), recto.AgentFilter{Kind: kind,
		Offset: (n - 1) * agentsPerPage, Limit: agentsPerPage})
	if err != nil {
		return err
	}
	p, err := paginate(r, n, agentsPerPage, total)
	if err != nil {
		return err
	}
	p.Noun, p.NounOne = "names", "name"
	title := "People and organisations"
	switch kind {
	case recto.Person:
		title = "People"
	case recto.Organisation:
		title = "Organisations"
	}
	path := "/people"
	if kind != "" {
		path += "?kind=" + string(kind)
	}
	s.render(w, r, http.StatusOK, "agents", struct {
		page
		Kind       recto.AgentKind
		Agents     []recto.Counted[*recto.Agent]
		Pagination pagination
	}{s.newPage(r, title, "people", path), kind, agents, p})
	return nil
}

func (s *Server) handleAgent(w http.ResponseWriter, r *http.Request) error {
	id, err := parseID(r)
	if err != nil {
		return err
	}
	a, err := s.Catalogue.FindAgentByID(r.Context(), id)
	if err != nil {
		return err
	}
	list, err := s.listDocuments(r.Context(), r, recto.DocumentFilter{AgentID: id})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "agent", struct {
		page
		Agent *recto.Agent
		List  documentList
	}{s.newPage(r, a.Item.Name, "people", agentURL(id)), a.Item, list})
	return nil
}

func placeID(p *recto.Place) int64     { return p.ID }
func placeParent(p *recto.Place) int64 { return p.ParentID }

func (s *Server) handlePlaceIndex(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Catalogue.FindPlaces(r.Context(), recto.TreeFilter{})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "places", struct {
		page
		Tree []*treeNode[*recto.Place]
	}{s.newPage(r, "Places", "places", "/places"), buildTree(all, placeID, placeParent)})
	return nil
}

func (s *Server) handlePlace(w http.ResponseWriter, r *http.Request) error {
	id, err := parseID(r)
	if err != nil {
		return err
	}
	h := hierarchy[*recto.Place]{find: s.Catalogue.FindPlaceByID, ancestors: s.Catalogue.FindPlaceAncestors,
		children: s.Catalogue.FindPlaces}
	p, err := h.load(r.Context(), s, r, id, recto.DocumentFilter{PlaceID: id})
	if err != nil {
		return err
	}
	p.page = s.newPage(r, p.Item.Name, "places", placeURL(id))
	s.render(w, r, http.StatusOK, "place", p)
	return nil
}

func (s *Server) handleSubjectIndex(w http.ResponseWriter, r *http.Request) error {
	top, err := s.Catalogue.FindSubjects(r.Context(), recto.TreeFilter{ParentID: ptr(int64(0))})
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "subjects", struct {
		page
		Subjects []recto.Counted[*recto.Subject]
	}{s.newPage(r, "Subjects", "subjects", "/subjects"), top})
	return nil
}

func (s *Server) handleSubject(w http.ResponseWriter, r *http.Request) error {
	id, err := parseID(r)
	if err != nil {
		return err
	}
	h := hierarchy[*recto.Subject]{find: s.Catalogue.FindSubjectByID, ancestors: s.Catalogue.FindSubjectAncestors,
		children: s.Catalogue.FindSubjects}
	p, err := h.load(r.Context(), s, r, id, recto.DocumentFilter{SubjectID: id})
	if err != nil {
		return err
	}
	p.page = s.newPage(r, p.Item.Heading, "subjects", subjectURL(id))
	s.render(w, r, http.StatusOK, "subject", p)
	return nil
}

func (s *Server) handleRepositoryIndex(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Catalogue.FindRepositories(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "repositories", struct {
		page
		Repositories []recto.Counted[*recto.Repository]
	}{s.newPage(r, "Repositories", "repositories", "/repositories"), all})
	return nil
}

func (s *Server) handleRepository(w http.ResponseWriter, r *http.Request) error {
	id, err := parseID(r)
	if err != nil {
		return err
	}
	found, err := s.Catalogue.FindRepositoryByID(r.Context(), id)
	if err != nil {
		return err
	}
	list, err := s.listDocuments(r.Context(), r, recto.DocumentFilter{RepositoryID: id})
	if err != nil {
		return err
	}
	repo := found.Item
	s.render(w, r, http.StatusOK, "repository", struct {
		page
		Repository *recto.Repository
		List       documentList
	}{s.newPage(r, repo.ShortName+": "+repo.Name, "repositories", repositoryURL(id)), repo, list})
	return nil
}
