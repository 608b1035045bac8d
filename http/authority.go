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
	agents, total, err := s.Store.FindAgents(r.Context(), recto.AgentFilter{Kind: kind, Visible: recto.Public,
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
	a, err := s.Store.FindAgentByID(r.Context(), id)
	if err != nil {
		return err
	}
	list, err := s.listDocuments(r.Context(), r, recto.DocumentFilter{AgentID: id})
	if err != nil {
		return err
	}
	if list.Total == 0 {
		// Names known only from unpublished documents stay unpublished too.
		return recto.Errorf(recto.ENOTFOUND, "No published document names person or organisation %d.", id)
	}
	s.render(w, r, http.StatusOK, "agent", struct {
		page
		Agent *recto.Agent
		List  documentList
	}{s.newPage(r, a.Name, "people", agentURL(id)), a, list})
	return nil
}

func placeID(p *recto.Place) int64     { return p.ID }
func placeParent(p *recto.Place) int64 { return p.ParentID }

func (s *Server) handlePlaceIndex(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Store.FindPlaces(r.Context(), recto.TreeFilter{Visible: recto.Public})
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
	h := hierarchy[*recto.Place]{find: s.Store.FindPlaceByID, ancestors: s.Store.FindPlaceAncestors,
		children: s.Store.FindPlaces, empty: "No published document is about place %d."}
	p, err := h.load(r.Context(), s, r, id, recto.DocumentFilter{PlaceID: id})
	if err != nil {
		return err
	}
	p.page = s.newPage(r, p.Item.Name, "places", placeURL(id))
	s.render(w, r, http.StatusOK, "place", p)
	return nil
}

func (s *Server) handleSubjectIndex(w http.ResponseWriter, r *http.Request) error {
	top, err := s.Store.FindSubjects(r.Context(), recto.TreeFilter{ParentID: ptr(int64(0)), Visible: recto.Public})
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
	h := hierarchy[*recto.Subject]{find: s.Store.FindSubjectByID, ancestors: s.Store.FindSubjectAncestors,
		children: s.Store.FindSubjects, empty: "No published document has subject %d."}
	p, err := h.load(r.Context(), s, r, id, recto.DocumentFilter{SubjectID: id})
	if err != nil {
		return err
	}
	p.page = s.newPage(r, p.Item.Heading, "subjects", subjectURL(id))
	s.render(w, r, http.StatusOK, "subject", p)
	return nil
}

func (s *Server) handleRepositoryIndex(w http.ResponseWriter, r *http.Request) error {
	all, err := s.Store.FindRepositories(r.Context(), recto.RepositoryFilter{Visible: recto.Public})
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
	repo, err := s.Store.FindRepositoryByID(r.Context(), id)
	if err != nil {
		return err
	}
	list, err := s.listDocuments(r.Context(), r, recto.DocumentFilter{RepositoryID: id})
	if err != nil {
		return err
	}
	if list.Total == 0 {
		return recto.Errorf(recto.ENOTFOUND, "No published document is held by repository %d.", id)
	}
	s.render(w, r, http.StatusOK, "repository", struct {
		page
		Repository *recto.Repository
		List       documentList
	}{s.newPage(r, repo.ShortName+": "+repo.Name, "repositories", repositoryURL(id)), repo, list})
	return nil
}
